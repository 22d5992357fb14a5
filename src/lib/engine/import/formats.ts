/** File types the import reads (see readImportFile.ts); kept apart so the page can list them without loading the parsers. */
export const IMPORT_EXTENSIONS = ['.csv', '.txt', '.xlsx', '.geojson', '.json', '.zip', '.osm', '.pbf'] as const;

/**
 * Files above this size are refused with a message rather than parsed on the planner's machine
 * until the tab gives up: 50 MB of CSV is ~500 000 facilities, far beyond any county's list.
 */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
