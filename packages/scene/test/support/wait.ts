/** Lets queued microtasks (memory transport connects) run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
