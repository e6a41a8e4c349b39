export default async function globalTeardown(): Promise<void> {
  await globalThis.__MEND_TEST_DB__?.dispose();
  await globalThis.__MEND_SPARE_TEST_DB__?.dispose();
  await reportOpenHandles();
}

/**
 * What the tests left open (sockets, timers, workers) once the run is over: each is a leak of the
 * app or a test, and would keep jest from exiting.
 */
async function reportOpenHandles(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const open = process
    .getActiveResourcesInfo()
    .filter((type) => type !== 'PipeWrap' && type !== 'TTYWrap');
  if (open.length > 0) console.warn(`Left open after the API tests: ${open.join(', ')}`);
}
