// Defaults of the job model that more than one host needs (the engine, the validator, the plot).

/** The run length a generator without `endMs` gets when `settings.untilMs` is absent too. */
export const DEFAULT_UNTIL_MS = 60_000;
