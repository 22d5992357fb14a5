import type { LocalizedText } from '../engine/types';

/** UI strings of this feature, merged into the app's messages (see i18n.svelte.ts). */
export const rulesMessages = {
	complianceHeading: { zh: '规划达标检查', en: 'Plan compliance' },
	plan: { zh: '规划', en: 'Plan' },
	targetYear: { zh: '目标年份', en: 'Target year' },
	finalTarget: { zh: '最终目标', en: 'Final target' },
	groupElderly: { zh: '养老', en: 'Elderly care' },
	groupChildcare: { zh: '托育', en: 'Childcare' },
	statusPass: { zh: '达标', en: 'Pass' },
	statusFail: { zh: '未达标', en: 'Fail' },
	statusNotCheckable: { zh: '无法核对', en: 'Not checkable' },
	complianceComputing: { zh: '正在核对…', en: 'Checking…' },
	ruleValue: { zh: '现状', en: 'Value' },
	ruleTarget: { zh: '目标', en: 'Target' },
	ruleDetail: { zh: '规则详情', en: 'Rule detail' },
	unitRows: { zh: '分单元结果', en: 'Results by unit' },
	unitChart: { zh: '各单元现状与目标', en: 'Value and target by unit' },
	notCheckableCatalogue: { zh: '数据无法核对的条款', en: 'Clauses the data cannot check' },
	exportReportCsv: { zh: '导出达标报告 CSV', en: 'Export report as CSV' },
	exportReportJson: { zh: '导出达标报告 JSON', en: 'Export report as JSON' },
	proposalsCounted: { zh: '拟建设施已计入各项规则', en: 'Proposed sites count in every rule' },
	showOnMapHint: { zh: '点击规则，在地图上显示未达标单元', en: 'Select a rule to shade failing units on the map' },
	legendFailingUnit: { zh: '未达标单元（所选规则）', en: 'Failing unit (selected rule)' }
} satisfies Record<string, LocalizedText>;
