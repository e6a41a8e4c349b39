export default async function globalTeardown(): Promise<void> {
  await globalThis.__MEND_TEST_DB__?.dispose();
}
