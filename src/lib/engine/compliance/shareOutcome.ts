import { meets, type ComplianceStatus } from './types';

/**
 * Status of "at least `target` of `total` things qualify" when `unknown` of them cannot be decided
 * (a missing optional attribute): pass if it holds even with every unknown failing, fail if it
 * fails even with every unknown passing, otherwise not checkable. Value is the share known to qualify.
 */
export function shareOutcome(qualifying: number, unknown: number, total: number, target: number): { status: ComplianceStatus; value: number | null; shortfall: number | null } {
	if (total === 0) return { status: 'not_checkable', value: null, shortfall: null };
	const value = qualifying / total;
	const needed = Math.max(0, Math.ceil(target * total - 1e-9) - qualifying);
	if (meets(value, target)) return { status: 'pass', value, shortfall: 0 };
	if (!meets((qualifying + unknown) / total, target)) return { status: 'fail', value, shortfall: needed };
	return { status: 'not_checkable', value, shortfall: null };
}
