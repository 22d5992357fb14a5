import type { LocalizedText } from '../engine/types';

/** UI strings of this feature, merged into the app's messages (see i18n.svelte.ts). */
export const walkingMessages = {
	nodeCrossings: { zh: '在交叉处连通（视为路口）', en: 'Join paths where they cross (treat as junctions)' },
	walkCrossingsJoined: { zh: '已在 {n} 处交叉点连通路网。', en: 'Paths joined at {n} crossings.' },
	measureMode: { zh: '距离计算方式', en: 'Distance measured' },
	modeStraight: { zh: '直线距离', en: 'Straight line' },
	modeWalk: { zh: '沿路网步行', en: 'Walking the network' },
	modeBoth: { zh: '两者对比', en: 'Both, compared' },
	accessDistance: { zh: '离路最远距离（米）', en: 'Access off the network (m)' },
	speedPreset: { zh: '步行速度预设', en: 'Walking speed preset' },
	presetCustom: { zh: '自定义', en: 'Custom' },
	preset_gb50180: { zh: 'GB 50180：15 分钟 1000 米（66.7 米/分）', en: 'GB 50180: 1000 m in 15 min (66.7 m/min)' },
	'preset_gb50180-low': { zh: 'GB 50180：15 分钟 800 米（53.3 米/分）', en: 'GB 50180: 800 m in 15 min (53.3 m/min)' },
	preset_general: { zh: '一般步行 80 米/分', en: 'General walking, 80 m/min' },
	preset_elderly: { zh: '老年人步行 60 米/分', en: 'Older people, 60 m/min' },
	walkBand: { zh: '步行时间档', en: 'Walking band' },
	walkModelNote: {
		zh: '步行圈：从设施门口走到最近的道路（计入时间），沿路网步行，再离开道路至多“离路最远距离”，全程同一速度；与路网不连通的部分不计。默认速度 66.7 米/分取自 GB 50180-2018 的“15 分钟 800–1000 米”。',
		en: 'Walking circle: from the door to the nearest street (counted), along the network, then at most the access distance off it, all at one speed; disconnected pieces are not reached. The default 66.7 m/min is GB 50180-2018’s 15 minutes / 800–1000 m.'
	},
	walkNoNetwork: {
		zh: '该数据集没有路网（paths.geojson 为空），步行圈按直线距离计算。',
		en: 'This dataset has no walking network (paths.geojson is empty): walking circles are evaluated straight-line.'
	},
	walkCrossings: {
		zh: '路网中有 {n} 处线段相交但没有共用节点，按立交（如桥梁）处理，不能在此转向。手绘路网如漏画了路口，可勾选下方选项在交叉处连通（命令行：--node-crossings）。',
		en: '{n} places where paths cross without a shared vertex are treated as over- or underpasses (bridges): no turning there. If hand-drawn junctions are missing, tick the option below to join them (CLI: --node-crossings).'
	},
	straightComparison: { zh: '直线距离下的人口覆盖率', en: 'Population covered, straight line' },
	walkComparison: { zh: '沿路网步行的人口覆盖率', en: 'Population covered, walking' },
	comparisonLegend: { zh: '虚线圆：直线服务半径；实线：步行服务范围', en: 'Dashed circles: straight-line reach; solid: walking reach' },
	analysisProgress: { zh: '分析进度', en: 'Analysis progress' }
} satisfies Record<string, LocalizedText>;
