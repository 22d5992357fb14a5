import type { FacilityCategory, LocalizedText } from './engine/types';
import { importMessages } from './i18n/import';
import { rulesMessages } from './i18n/rules';
import { walkingMessages } from './i18n/walking';

export type Lang = 'zh' | 'en';

/** UI strings, Chinese first. Keys are stable; tests look controls up by these accessible names. */
const coreMessages = {
	appTitle: { zh: '一老一小 规划助手', en: 'Yilao Yixiao Planner' },
	appSubtitle: { zh: '养老与托育设施服务覆盖分析', en: 'Elderly-care and childcare service coverage' },
	switchLanguage: { zh: 'English', en: '中文' },
	switchLanguageLabel: { zh: '切换语言：English', en: 'Switch language: 中文' },
	syntheticNotice: {
		zh: '示意数据：街道中心点与人口结构来自真实来源，小区、设施与路网几何为合成数据，仅供演示。',
		en: 'Synthetic demo: street centres and population shares are real; residential areas, facilities and paths are synthetic.'
	},
	rule: { zh: '规则', en: 'Rule' },
	customRule: { zh: '自定义（选择类别与半径）', en: 'Custom (choose categories and radius)' },
	radius: { zh: '服务半径（米）', en: 'Service radius (m)' },
	minutes: { zh: '步行时间（分钟）', en: 'Walking time (min)' },
	speed: { zh: '步行速度（米/分钟）', en: 'Walking speed (m/min)' },
	reach: { zh: '服务范围', en: 'Reach' },
	includePlanned: { zh: '计入在建与规划设施', en: 'Include facilities under construction and planned' },
	categories: { zh: '计入的设施类别', en: 'Facility categories counted' },
	summary: { zh: '覆盖情况', en: 'Coverage' },
	population: { zh: '常住人口', en: 'Residents' },
	coveredPopulation: { zh: '覆盖人口', en: 'Residents covered' },
	uncoveredPopulation: { zh: '未覆盖人口', en: 'Residents not covered' },
	uncoveredAreas: { zh: '完全未覆盖小区', en: 'Areas wholly uncovered' },
	partlyCoveredAreas: { zh: '部分覆盖小区', en: 'Areas partly covered' },
	coveredShare: { zh: '人口覆盖率', en: 'Population covered' },
	versusBaseline: { zh: '较现状', en: 'vs. baseline' },
	computing: { zh: '计算中…', en: 'Computing…' },
	proposals: { zh: '拟建设施', en: 'Proposed sites' },
	addProposal: { zh: '添加拟建设施', en: 'Add proposed site' },
	addProposalActive: { zh: '在地图上点击放置（Esc 取消）', en: 'Click the map to place it (Esc cancels)' },
	category: { zh: '设施类别', en: 'Category' },
	capacity: { zh: '规模（托位/床位）', en: 'Capacity (places/beds)' },
	name: { zh: '名称', en: 'Name' },
	deleteProposal: { zh: '删除', en: 'Delete' },
	noProposals: {
		zh: '尚无拟建设施。选择类别后点击“添加拟建设施”，再在地图上点击。可拖动标记调整位置。',
		en: 'No proposed sites yet. Choose a category, press “Add proposed site”, then click the map. Drag a marker to move it.'
	},
	exportUncovered: { zh: '导出未覆盖区域', en: 'Export uncovered areas' },
	exportHint: { zh: 'GeoJSON（WGS84，RFC 7946）', en: 'GeoJSON (WGS84, RFC 7946)' },
	units: { zh: '分单元统计', en: 'By unit' },
	unit: { zh: '单元', en: 'Unit' },
	tablePopulation: { zh: '人口', en: 'Pop.' },
	tableUncovered: { zh: '未覆盖', en: 'Uncovered' },
	tableShare: { zh: '覆盖率', en: 'Covered' },
	legend: { zh: '图例', en: 'Legend' },
	legendCoverage: { zh: '小区覆盖率', en: 'Area covered' },
	legendUncovered: { zh: '未覆盖部分', en: 'Uncovered part' },
	legendServiceArea: { zh: '服务范围', en: 'Service area' },
	legendProposed: { zh: '拟建设施', en: 'Proposed site' },
	legendPlanned: { zh: '空心圆：在建或规划设施', en: 'Hollow: under construction or planned' },
	legendNotCounted: { zh: '不计入本规则的设施（淡色）', en: 'Facilities this rule does not count (faded)' },
	osmLayer: { zh: '在线 OSM 底图（需联网）', en: 'Online OSM basemap (needs network)' },
	loadFailed: { zh: '数据加载失败', en: 'Could not load the data' },
	status: { zh: '状态', en: 'Status' },
	operator: { zh: '举办主体', en: 'Operator' },
	affordable: { zh: '普惠', en: 'Affordable (普惠)' },
	yes: { zh: '是', en: 'yes' },
	no: { zh: '否', en: 'no' },
	nursingBeds: { zh: '护理型床位', en: 'Nursing beds' },
	floorArea: { zh: '建筑面积（㎡）', en: 'Floor area (m²)' },
	residents: { zh: '人口', en: 'Population' },
	elderly: { zh: '60 岁以上', en: 'Aged 60+' },
	infants: { zh: '3 岁以下', en: 'Under 3' },
	households: { zh: '户数', en: 'Households' },
	close: { zh: '关闭', en: 'Close' },
	proposedTag: { zh: '拟建', en: 'proposed' },
	invalidNumber: { zh: '请输入正数', en: 'Enter a positive number' }
} satisfies Record<string, LocalizedText>;

/** Each feature keeps its strings in src/lib/i18n/<feature>.ts. */
const messages = { ...coreMessages, ...rulesMessages, ...importMessages, ...walkingMessages };

export type MessageKey = keyof typeof messages;

export const CATEGORY_NAMES: Record<FacilityCategory, LocalizedText> = {
	childcare_center: { zh: '托育机构', en: 'Childcare centre' },
	kindergarten: { zh: '幼儿园（含托班）', en: 'Kindergarten (incl. nursery class)' },
	community_childcare: { zh: '社区托育点', en: 'Community childcare point' },
	elderly_daycare: { zh: '日间照料中心（室）', en: 'Elderly day-care centre' },
	elderly_service_center: { zh: '街道/社区养老服务中心', en: 'Street/community elderly service centre' },
	care_home: { zh: '养老院/敬老院', en: 'Care home' },
	medical_care_home: { zh: '医养结合机构', en: 'Medical care home' },
	elderly_canteen: { zh: '老年食堂', en: 'Elderly canteen' },
	senior_school: { zh: '老年大学/学校', en: 'Senior school' }
};

export const STATUS_NAMES: Record<string, LocalizedText> = {
	existing: { zh: '现状', en: 'existing' },
	under_construction: { zh: '在建', en: 'under construction' },
	planned: { zh: '规划', en: 'planned' }
};

export const OPERATOR_NAMES: Record<string, LocalizedText> = {
	public: { zh: '公办', en: 'public' },
	private: { zh: '民办', en: 'private' },
	public_private: { zh: '公建民营', en: 'public–private' }
};

/** The current UI language, Chinese by default; remembered across reloads. */
class Locale {
	lang = $state<Lang>('zh');

	constructor() {
		if (typeof localStorage !== 'undefined' && localStorage.getItem('lang') === 'en') this.lang = 'en';
	}

	t = (key: MessageKey): string => messages[key][this.lang];

	text = (value: LocalizedText): string => value[this.lang];

	toggle = () => {
		this.lang = this.lang === 'zh' ? 'en' : 'zh';
		if (typeof localStorage !== 'undefined') localStorage.setItem('lang', this.lang);
		if (typeof document !== 'undefined') document.documentElement.lang = this.lang === 'zh' ? 'zh-CN' : 'en';
	};

	number = (value: number, digits = 0): string =>
		value.toLocaleString(this.lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

	percent = (share: number, digits = 1): string => `${this.number(share * 100, digits)}%`;
}

export const locale = new Locale();
