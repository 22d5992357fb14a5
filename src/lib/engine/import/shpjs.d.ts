/** shpjs ships no types; the one entry point used here. */
declare module 'shpjs' {
	export function parseZip(buffer: Uint8Array | ArrayBuffer, whiteList?: string[]): Promise<unknown>;
}
