import type { Geometry } from 'geojson';

/**
 * An imported layer before mapping: column names and one record per row or feature. Records from
 * CSV/XLSX carry only values; records from GeoJSON, Shapefile or OSM also carry their geometry.
 */
export interface ImportTable {
	file: string;
	/** How a record is named in messages: a CSV row or a feature. */
	recordKind: 'row' | 'feature';
	/** Row number of the first record as the planner sees the file (2 for a CSV with a header line). */
	firstRecordNumber: number;
	headers: string[];
	records: ImportRecord[];
	/** Notices from reading (encoding guessed, polygons repaired…), shown before the planner confirms. */
	notices: import('../types').LocalizedText[];
}

export interface ImportRecord {
	values: Record<string, unknown>;
	geometry?: Geometry | null;
}
