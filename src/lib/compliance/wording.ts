import type { ComplianceStatus, MeasureUnit, RuleResult, ShortfallUnit } from '../engine/compliance/types';
import type { LocalizedText } from '../engine/types';

/** How results read in the UI: values with their unit of measure, and shortfalls in plain words. */

const fixed = (value: number, digits: number) => Number(value.toFixed(digits)).toString();

export function formatMeasure(value: number | null, unit: MeasureUnit): LocalizedText {
	if (value === null) return { zh: '—', en: '—' };
	switch (unit) {
		case 'per_1000_population':
			return { zh: `${fixed(value, 2)} 个/千人`, en: `${fixed(value, 2)} per 1000 residents` };
		case 'per_1000_elderly':
			return { zh: `${fixed(value, 1)} 张/千名老人`, en: `${fixed(value, 1)} per 1000 elderly` };
		case 'per_1000_infants':
			return { zh: `${fixed(value, 1)} 个/千名婴幼儿`, en: `${fixed(value, 1)} per 1000 infants` };
		case 'm2_per_100_households':
			return { zh: `${fixed(value, 1)} ㎡/百户`, en: `${fixed(value, 1)} m² per 100 households` };
		case 'has_facility':
			return value >= 1 ? { zh: '有', en: 'yes' } : { zh: '无', en: 'no' };
		default:
			return { zh: `${fixed(value * 100, 1)}%`, en: `${fixed(value * 100, 1)}%` };
	}
}

const SHORTFALL: Record<ShortfallUnit, (n: string) => LocalizedText> = {
	places: (n) => ({ zh: `还需新增托位 ${n} 个`, en: `${n} more places needed` }),
	beds: (n) => ({ zh: `还需新增养老床位 ${n} 张`, en: `${n} more beds needed` }),
	nursing_beds: (n) => ({ zh: `还需将 ${n} 张床位改为护理型床位`, en: `${n} more beds need to be nursing-type` }),
	affordable_places: (n) => ({ zh: `还需将 ${n} 个托位转为普惠托位`, en: `${n} more places need to be affordable (普惠)` }),
	m2: (n) => ({ zh: `还需补足养老服务用房 ${n} 平方米`, en: `${n} m² more floor area needed` }),
	units: (n) => ({ zh: `还有 ${n} 个单元需新增设施`, en: `${n} more units need a facility` }),
	sites: (n) => ({ zh: `还有 ${n} 个安置点需配建设施`, en: `${n} more sites need a facility` }),
	facilities: (n) => ({ zh: `还有 ${n} 个设施不符合要求`, en: `${n} facilities do not comply` }),
	residents: (n) => ({ zh: `还有 ${n} 名居民不在服务范围内`, en: `${n} residents are out of reach` })
};

/** The shortfall in plain words ("还需新增托位 34 个"), or undefined when nothing is missing or it is unknown. */
export function shortfallWords(result: Pick<RuleResult, 'shortfall' | 'shortfallUnit'>): LocalizedText | undefined {
	if (result.shortfall === null || result.shortfall <= 0) return undefined;
	const amount = result.shortfallUnit === 'm2' ? fixed(result.shortfall, 1) : String(Math.round(result.shortfall));
	return SHORTFALL[result.shortfallUnit](amount);
}

export const STATUS_KEYS: Record<ComplianceStatus, 'statusPass' | 'statusFail' | 'statusNotCheckable'> = {
	pass: 'statusPass',
	fail: 'statusFail',
	not_checkable: 'statusNotCheckable'
};
