/**
 * Runs before every test file: strips the developer's AWS configuration and proxies from
 * process.env and disables instance-metadata probing, so no SDK code path can leave loopback.
 */
const PROXIES = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'];
for (const name of Object.keys(process.env)) {
  if (name.startsWith('AWS_') || PROXIES.includes(name)) delete process.env[name];
}
Object.assign(process.env, {
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NO_PROXY: '127.0.0.1,localhost,::1',
  no_proxy: '127.0.0.1,localhost,::1',
});
