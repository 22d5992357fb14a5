import { InputError } from './messages';
import { FACILITY_CATEGORIES, type Dataset, type DatasetFiles, type Facility, type FacilityCategory } from './types';
import { validateDataset, validateProposals } from './validate';

/** The planner's settings that make a scenario reproducible. */
export interface ProjectSettings {
	ruleId: string;
	radiusM: number;
	minutes: number;
	speedMPerMin: number;
	customCategories: FacilityCategory[];
	includePlanned: boolean;
	/** How proximity is measured (absent in files saved before walking existed: straight-line, 100 m access). */
	walking?: WalkingProjectSettings;
}

export interface WalkingProjectSettings {
	mode: 'straight' | 'walk' | 'both';
	accessM: number;
	nodeCrossings: boolean;
}

const WALKING_MODES = ['straight', 'walk', 'both'] as const;

function isWalkingSettings(value: unknown): boolean {
	if (!isRecord(value)) return false;
	return (
		(WALKING_MODES as readonly unknown[]).includes(value.mode) &&
		typeof value.accessM === 'number' &&
		Number.isFinite(value.accessM) &&
		value.accessM >= 0 &&
		value.accessM <= 1000 &&
		typeof value.nodeCrossings === 'boolean'
	);
}

/** Where the data comes from: the embedded demo by name, or a full copy of imported data. */
export type ProjectData = { ref: 'xichang-demo' } | { copy: DatasetFiles };

/** A saved project: proposals, settings and the data they apply to. */
export interface Project {
	settings: ProjectSettings;
	data: ProjectData;
	proposals: Facility[];
}

export const PROJECT_FORMAT = 'yilao-yixiao-project';
export const PROJECT_VERSION = 1;

/**
 * A project file is one GeoJSON FeatureCollection: its features are the proposed sites (so any GIS
 * opens it), and a foreign member `project` (RFC 7946 §6.1) carries the settings and the data.
 */
export function serializeProject(project: Project): string {
	return JSON.stringify({
		type: 'FeatureCollection',
		project: { format: PROJECT_FORMAT, version: PROJECT_VERSION, settings: project.settings, data: project.data },
		features: project.proposals
	});
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const positive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** Reads a project file back, checking everything in it; the dataset is returned validated. */
export function parseProject(text: string, file: string): { project: Project; dataset?: Dataset } {
	const fail = (zh: string, en: string): never => {
		throw new InputError([{ file, message: { zh, en } }]);
	};
	if (text.trim() === '') fail('文件为空', 'file is empty');
	let data: unknown;
	try {
		data = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		fail(`不是有效的 JSON（${detail}）`, `is not valid JSON (${detail})`);
	}
	if (!isRecord(data) || !isRecord(data.project) || data.project.format !== PROJECT_FORMAT)
		return fail('不是本工具的项目文件（缺少 project 信息）', 'is not a project file of this tool (no project member)');
	const meta = data.project;
	if (meta.version !== PROJECT_VERSION) fail(`项目文件版本 ${String(meta.version)} 不受支持`, `project file version ${String(meta.version)} is not supported`);
	const settings = meta.settings;
	if (
		!isRecord(settings) ||
		typeof settings.ruleId !== 'string' ||
		!positive(settings.radiusM) ||
		!positive(settings.minutes) ||
		!positive(settings.speedMPerMin) ||
		typeof settings.includePlanned !== 'boolean' ||
		!Array.isArray(settings.customCategories) ||
		!settings.customCategories.every((category) => (FACILITY_CATEGORIES as readonly unknown[]).includes(category)) ||
		(settings.walking !== undefined && !isWalkingSettings(settings.walking))
	)
		fail('项目设置不完整或无效', 'project settings are incomplete or invalid');
	const source = meta.data;
	let projectData: ProjectData;
	let dataset: Dataset | undefined;
	if (isRecord(source) && source.ref === 'xichang-demo') projectData = { ref: 'xichang-demo' };
	else if (isRecord(source) && isRecord(source.copy)) {
		dataset = validateDataset(source.copy as unknown as DatasetFiles);
		projectData = { copy: source.copy as unknown as DatasetFiles };
	} else return fail('项目缺少数据（示例引用或数据副本）', 'project has no data (a demo reference or a copy)');
	const proposals = validateProposals({ type: 'FeatureCollection', features: Array.isArray(data.features) ? data.features : [] }, file);
	return { project: { settings: settings as unknown as ProjectSettings, data: projectData, proposals }, dataset };
}
