// npm run mutation: redaction and error mapping, where a silent bug puts plaintext into an error.
import { strykerConfig } from '../../scripts/mutation/base-config.mjs';

export default strykerConfig(['src/aws-errors.ts']);
