import type { LocalizedText } from './types';

/** A problem found in input data, located precisely enough for a planner to fix it. */
export interface InputProblem {
	/** File name as the planner knows it, e.g. `facilities.geojson`. */
	file: string;
	/** Index of the feature (0-based) when the problem is in one feature. */
	featureIndex?: number;
	/** The feature's `id` when it has one. */
	featureId?: string;
	message: LocalizedText;
}

/** Thrown (and caught at the edges) when input cannot be used; carries every problem found. */
export class InputError extends Error {
	readonly problems: InputProblem[];
	constructor(problems: InputProblem[]) {
		super(problems.map((problem) => formatProblem(problem, 'en')).join('; '));
		this.name = 'InputError';
		this.problems = problems;
	}
}

/** One line naming the file, the feature and the problem, in the planner's language. */
export function formatProblem(problem: InputProblem, lang: keyof LocalizedText): string {
	const parts = [problem.file];
	if (problem.featureIndex !== undefined) {
		const id = problem.featureId ? ` (id ${JSON.stringify(problem.featureId)})` : '';
		parts.push(lang === 'zh' ? `第 ${problem.featureIndex + 1} 个要素${id}` : `feature ${problem.featureIndex + 1}${id}`);
	}
	return `${parts.join(lang === 'zh' ? '，' : ', ')}: ${problem.message[lang]}`;
}
