/** Unix seconds: the unit of every timestamp the service stores (D1 columns, cache entries). */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A stored Unix-seconds timestamp as the API shows it. */
export const isoFromSeconds = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());
