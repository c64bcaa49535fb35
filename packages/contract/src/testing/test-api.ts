/** The test functions of your runner (vitest, node:test, jest...). Only `describe` and `it` are required. */
export interface TestApi {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void> | void): unknown;
  beforeAll?(body: () => Promise<void> | void): unknown;
  afterAll?(body: () => Promise<void> | void): unknown;
}
