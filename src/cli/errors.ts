/** A mistake in the command line (not in the data): exit code 2 and a pointer to --help. */
export class UsageError extends Error {}
