// The largest job the app opens, from a file or a link (stated in the messages and the README).
// Beyond these a job is refused before it is read whole: parsing and drawing a larger one would
// hold the tab for seconds, and the browser could not save it anyway.

/** A job file to import: 10 MB. */
export const MAX_IMPORT_BYTES = 10_000_000;

/** A `#job=` link's text, before decompression. */
export const MAX_SHARED_CHARS = 2_000_000;

/** A `#job=` link's job once decompressed: 10 million characters (decompression stops there). */
export const MAX_SHARED_JOB_CHARS = 10_000_000;

export const formatMegabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
