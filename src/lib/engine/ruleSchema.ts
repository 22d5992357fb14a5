import { z } from 'zod';
import { FACILITY_CATEGORIES, UNIT_LEVELS } from './types';

/**
 * The one schema every rule set in seeds/ follows (validated with zod, in the app, the CLI and
 * tests/engine/ruleSets.test.ts). Types for the engine are inferred from it, so the seed format and
 * the evaluators cannot drift apart.
 */

const localizedText = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

const source = z
	.object({
		/** Plan id (the rule set id), or the standard's name for gb50180-2018. */
		plan: z.string().min(1),
		section: z.string().min(1),
		/** The quoted Chinese clause. */
		quote: z.string().min(1)
	})
	.strict();

const category = z.enum(FACILITY_CATEGORIES);
const unitLevel = z.enum(UNIT_LEVELS);

/** A target the plan phases over years (凉山 LS-1: 3 → 3.7 → 4.5 for 2023–2025). */
const phase = z.object({ year: z.number().int().min(2000).max(2100), target: z.number().nonnegative() }).strict();

export const reachSchema = z.discriminatedUnion('mode', [
	z.object({ mode: z.literal('straight'), radiusM: z.number().positive().max(50_000) }).strict(),
	z.object({ mode: z.literal('walk'), minutes: z.number().positive(), speedMPerMin: z.number().positive() }).strict()
]);

const common = {
	/** Unique within the set; a catalogue rule with several parts gets letters (HH-3a, HH-3b). */
	id: z.string().regex(/^[A-Z]{2}-\d+[a-z]?$/),
	/** The id in shared/RULES.md. */
	catalogueId: z.string().regex(/^[A-Z]{2}-\d+$/),
	group: z.enum(['elderly', 'childcare']),
	title: localizedText,
	categories: z.array(category).min(1),
	source,
	/** Why an interpretation was chosen; where the plan gives two figures, which one is used and the other. */
	note: z.string().optional()
};

/** The rule's target, and optionally its phasing by year (the last phase equals `target`). */
const targeted = { target: z.number().nonnegative(), phases: z.array(phase).min(1).optional() };

const proximity = z
	.object({
		...common,
		kind: z.literal('proximity'),
		reach: reachSchema,
		/** Share of residents within reach (0–1). */
		...targeted
	})
	.strict();

const capacityRatio = z
	.object({
		...common,
		kind: z.literal('capacity_ratio'),
		/** Whose count the places or beds are per 1000 of. */
		per: z.enum(['population', 'elderly', 'infants']),
		/** `units`: whole area and each unit; `residential`: each area, from the facilities within `reachM` (2SFCA). */
		scope: z.enum(['units', 'residential']),
		...targeted,
		/** Per-area targets by `built` (scope `residential` only; 凉山 LS-2). */
		builtTargets: z.object({ new: z.number().nonnegative(), existing: z.number().nonnegative() }).strict().optional(),
		reachM: z.number().positive().optional()
	})
	.strict();

const floorArea = z
	.object({
		...common,
		kind: z.literal('floor_area'),
		level: unitLevel,
		/** Required m² per 100 households, by the areas' `built`; areas of a kind not listed carry no duty. */
		ratesPer100Households: z
			.object({ new: z.number().positive().optional(), existing: z.number().positive().optional() })
			.strict()
			.refine((rates) => rates.new !== undefined || rates.existing !== undefined, 'give a rate for new or existing areas'),
		/** Sites smaller than this do not count (文山 WS-1: 单处用房建筑面积不得少于300平方米). */
		minSiteM2: z.number().positive().optional()
	})
	.strict();

const unitHasFacility = z
	.object({
		...common,
		kind: z.literal('unit_has_facility'),
		/** Unit levels, or residential areas (optionally only new or existing ones). */
		levels: z.array(z.union([unitLevel, z.literal('residential')])).min(1),
		built: z.enum(['new', 'existing']).optional(),
		/** For residential areas: a facility within this distance of the area counts (0 or absent: inside it). */
		reachM: z.number().nonnegative().optional(),
		/** Optional attributes a counting facility must have (absent on a facility: not checkable, not false). */
		requires: z.array(z.enum(['affordable', 'demonstration'])).optional(),
		/** Share of units with a facility (0–1). */
		...targeted
	})
	.strict();

const thresholdObligation = z
	.object({
		...common,
		kind: z.literal('threshold_obligation'),
		/** Which residential areas carry the duty: the optional attribute that marks them. */
		place: z.literal('resettlement'),
		minPopulation: z.number().nonnegative(),
		reachM: z.number().nonnegative(),
		...targeted
	})
	.strict();

const facilityMeasure = z.discriminatedUnion('measure', [
	/** Σ numerator ÷ Σ capacity: nursing beds among beds, 普惠 places among places. */
	z.object({ measure: z.literal('share_of_capacity'), numerator: z.enum(['nursingBeds', 'affordable']) }).strict(),
	/** Facilities meeting a condition must carry an attribute (红河 HH-7: on-site clinic). */
	z
		.object({
			measure: z.literal('conditional_attribute'),
			attribute: z.literal('clinic'),
			when: z.array(z.object({ operators: z.array(z.enum(['public', 'private', 'public_private'])).min(1), minCapacity: z.number().nonnegative() }).strict()).min(1)
		})
		.strict(),
	/** Share of facilities whose attribute lies in [min, max] (GB 50180 size ranges). */
	z.object({ measure: z.literal('in_range'), attribute: z.enum(['floorArea', 'capacity']), min: z.number().nonnegative(), max: z.number().positive() }).strict()
]);

const facilityAttribute = z
	.object({
		...common,
		kind: z.literal('facility_attribute'),
		check: facilityMeasure,
		...targeted
	})
	.strict();

export const ruleSchema = z.discriminatedUnion('kind', [proximity, capacityRatio, floorArea, unitHasFacility, thresholdObligation, facilityAttribute]);

/** A catalogued rule the data contract cannot check, with the reason, so nothing is silently dropped. */
const notCheckable = z
	.object({
		catalogueId: z.string().regex(/^[A-Z]{2}-\d+$/),
		reason: localizedText,
		source
	})
	.strict();

export const ruleSetSchema = z
	.object({
		$schema: z.string().optional(),
		id: z.string().regex(/^[a-z0-9-]+$/),
		name: localizedText,
		plan: z.object({ file: z.string(), date: z.string() }).strict(),
		rules: z.array(ruleSchema).min(1),
		notCheckable: z.array(notCheckable).default([])
	})
	.strict()
	.superRefine((set, context) => {
		const seen = new Set<string>();
		set.rules.forEach((rule, index) => {
			if (seen.has(rule.id)) context.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `duplicate rule id ${rule.id}` });
			seen.add(rule.id);
			if (!rule.id.startsWith(rule.catalogueId)) context.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `id ${rule.id} does not extend catalogueId ${rule.catalogueId}` });
			if ('phases' in rule && rule.phases) {
				const years = rule.phases.map((p) => p.year);
				if (years.some((year, i) => i > 0 && year <= years[i - 1])) context.addIssue({ code: 'custom', path: ['rules', index, 'phases'], message: 'phases must be in increasing years' });
				if (rule.phases[rule.phases.length - 1].target !== rule.target) context.addIssue({ code: 'custom', path: ['rules', index, 'phases'], message: 'the last phase must equal target' });
			}
		});
	});

export type RuleSetData = z.infer<typeof ruleSetSchema>;
export type RuleData = z.infer<typeof ruleSchema>;
