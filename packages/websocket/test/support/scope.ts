/**
 * Test bookkeeping, from the shared kit: everything a test opens is registered with the scope and
 * closed in `afterEach`, and every file ends with no socket handle left open.
 */
export { nextEvent, until, useScope, withTimeout } from '@pp/conformance/testing';
