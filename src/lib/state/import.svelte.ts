import { applyLayer } from '../engine/import/applyLayer';
import { isProjected, type CrsChoice } from '../engine/import/crs';
import { detectCoordinateIssues } from '../engine/import/detectCoordinates';
import { facilitiesFromTable, rawPositions } from '../engine/import/facilitiesFromTable';
import { categoryValues, suggestCrsFromHeaders, suggestMapping, type FieldMapping } from '../engine/import/fieldMapping';
import { assignCommunities } from '../engine/import/assignCommunities';
import { suggestAreaMapping, type AreaField, type AreaMapping } from '../engine/import/areaFieldMapping';
import { layerFromTable, type ImportLayer } from '../engine/import/layerFromTable';
import type { ImportTable } from '../engine/import/table';
import type { ImportReadRequest, ImportReadResponse } from '../worker/importProtocol';
import { InputError, type InputProblem } from '../engine/messages';
import type { FacilityCategory, LocalizedText } from '../engine/types';
import type { Planner } from './planner.svelte';
import type { WorkKeeper } from './work.svelte';

/**
 * One import in progress: the file read into a table, the planner's field mapping, category
 * choices and coordinate system, the warnings to confirm, and the outcome. Nothing touches the
 * current data until `confirm()` succeeds as a whole.
 */
export class ImportSession {
	layer = $state<ImportLayer>('facilities');
	table = $state.raw<ImportTable>();
	mapping = $state<FieldMapping>({});
	/** Column of each attribute for residential areas and units. */
	areaMapping = $state<AreaMapping>({});
	categories = $state<Record<string, FacilityCategory | undefined>>({});
	crs = $state<CrsChoice>({ kind: 'wgs84' });
	declaredCrs = $state.raw<CrsChoice>();
	skipBadRecords = $state(false);
	warningsConfirmed = $state(false);
	reading = $state(false);
	/** Size of the file being read, in bytes, shown while the worker parses it. */
	readingBytes = $state(0);
	problems = $state.raw<InputProblem[]>([]);
	/** What the last successful import did, for the planner to read. */
	done = $state.raw<{ file: string; count: number; skipped: InputProblem[]; notices: LocalizedText[] }>();

	distinctCategories = $derived(this.table && this.layer === 'facilities' && this.mapping.category ? categoryValues(this.table.records.map((record) => record.values[this.mapping.category!])) : []);
	warnings = $derived(this.table ? detectCoordinateIssues(rawPositions(this.table, this.mapping), isProjected(this.crs), this.table.firstRecordNumber) : []);

	private nextReadId = 1;

	/** `worker` parses files off the main thread when given (the app); without one (tests) it parses in place. */
	constructor(
		private readonly planner: Planner,
		private readonly keeper: WorkKeeper,
		private readonly worker?: Worker
	) {}

	private parse(bytes: Uint8Array, file: string): Promise<{ table: ImportTable; declaredCrs?: CrsChoice }> {
		const worker = this.worker;
		// Loaded on demand: the parsers belong in the worker's bundle, not the page's.
		if (!worker) return import('../engine/import/readImportFile').then(({ readImportFile }) => readImportFile(bytes, file, this.layer));
		const id = this.nextReadId++;
		return new Promise((resolve, reject) => {
			const listener = (event: MessageEvent<ImportReadResponse>) => {
				const response = event.data;
				if (response.id !== id) return;
				worker.removeEventListener('message', listener);
				if (response.type === 'table') resolve({ table: response.table, declaredCrs: response.declaredCrs });
				else reject(new InputError(response.problems));
			};
			worker.addEventListener('message', listener);
			worker.postMessage({ id, bytes, file, layer: this.layer } satisfies ImportReadRequest, [bytes.buffer]);
		});
	}

	/** Reads a dropped or picked file; bad files end here with a message and the data untouched. */
	async read(file: File) {
		this.cancel();
		this.reading = true;
		this.readingBytes = file.size;
		try {
			const { table, declaredCrs } = await this.parse(new Uint8Array(await file.arrayBuffer()), file.name);
			this.table = table;
			this.declaredCrs = declaredCrs;
			const named = suggestCrsFromHeaders(table.headers);
			this.crs = declaredCrs ?? (named ? { kind: named } : { kind: 'wgs84' });
			this.mapping = suggestMapping(table.headers);
			this.areaMapping = this.layer === 'facilities' ? {} : suggestAreaMapping(this.layer, table.headers);
			this.categories = Object.fromEntries(this.distinctCategories.map((entry) => [entry.value, entry.suggestion]));
		} catch (error) {
			this.problems = problemsOf(error, file.name);
		} finally {
			this.reading = false;
		}
	}

	/** Re-suggests category choices after the planner maps another column to category. */
	setMapping(field: keyof FieldMapping, column: string | undefined) {
		this.mapping = { ...this.mapping, [field]: column || undefined };
		if (field === 'category') this.categories = Object.fromEntries(this.distinctCategories.map((entry) => [entry.value, entry.suggestion]));
	}

	setAreaMapping(field: AreaField, column: string | undefined) {
		this.areaMapping = { ...this.areaMapping, [field]: column || undefined };
	}

	/** Builds the layer, validates the whole dataset with it, and only then replaces the data. */
	confirm() {
		const table = this.table;
		const dataset = this.planner.dataset;
		if (!table || !dataset) return;
		try {
			let features;
			let skipped: InputProblem[] = [];
			const notices = [...table.notices];
			if (this.layer === 'facilities') {
				const result = facilitiesFromTable(table, {
					mapping: $state.snapshot(this.mapping),
					categories: $state.snapshot(this.categories),
					crs: $state.snapshot(this.crs) as CrsChoice,
					defaultStatus: 'existing',
					skipBadRecords: this.skipBadRecords
				});
				features = result.facilities;
				skipped = result.skipped;
			} else {
				const result = layerFromTable(table, this.layer, $state.snapshot(this.crs) as CrsChoice, $state.snapshot(this.areaMapping));
				features = this.layer === 'residential' ? assignCommunities(result.features, dataset.units).features : result.features;
				notices.push(...result.notices);
			}
			const next = applyLayer(dataset, this.layer, features, table.file, { synthetic: false, attribution: `${dataset.meta.attribution}; ${table.file}` });
			this.keeper.applyImport(next);
			this.done = { file: table.file, count: features.length, skipped, notices };
			this.table = undefined;
			this.problems = [];
		} catch (error) {
			this.problems = problemsOf(error, table.file);
		}
	}

	cancel() {
		this.table = undefined;
		this.problems = [];
		this.done = undefined;
		this.warningsConfirmed = false;
		this.skipBadRecords = false;
	}
}

function problemsOf(error: unknown, file: string): InputProblem[] {
	if (error instanceof InputError) return error.problems;
	const detail = error instanceof Error ? error.message : String(error);
	return [{ file, message: { zh: `无法导入（${detail}）`, en: `cannot be imported (${detail})` } }];
}
