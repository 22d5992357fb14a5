import type { Random } from './random';

/**
 * Word lists for believable, invented names. They echo local place words (邛海, 泸山, 建昌,
 * 索玛花, 火把) but no name is meant to be a real compound, community or facility.
 */
const COMPOUND_STEMS = [
	'航天', '邛海', '马道', '月华', '建昌', '泸山', '安宁', '海河', '锦绣', '阳光', '金色', '凤凰', '翠湖', '东河',
	'玉龙', '星河', '兴隆', '同心', '胜利', '团结', '新华', '光明', '朝阳', '滨河', '太和', '川兴', '金鹰', '紫荆',
	'丽景', '天海', '明珠', '彩虹', '龙腾', '宁远', '月城', '春城', '嘉和', '康宁', '和平', '三岔', '顺城', '北关',
	'南华', '西郊', '东坪', '长宁', '民和', '新民', '健康', '体育', '学府', '书香', '桂花', '石榴', '火把', '索玛',
	'观海', '望海', '听涛', '碧水', '清溪', '松林', '梧桐', '银杏', '樱花', '海棠', '南山', '东山', '锦城', '安居',
	'福泰', '盛世', '时代', '世纪', '金桥', '华宇', '蓝湾', '景苑', '电力', '铁路', '粮食', '林业', '农机', '邮电',
	'水电', '气象', '交通', '财贸', '师专', '卫校', '供销', '纺织', '烟草', '电信'
] as const;

/** Work-unit stems (电力, 铁路 …) read like old 单位 compounds: only with old-style suffixes. */
const WORK_UNIT_STEMS = new Set(['电力', '铁路', '粮食', '林业', '农机', '邮电', '水电', '气象', '交通', '财贸', '师专', '卫校', '供销', '纺织', '烟草', '电信']);

const OLD_SUFFIXES = ['小区', '新村', '家属院', '宿舍', '小区', '花园', '苑', '大院', '小区'] as const;
const WORK_UNIT_SUFFIXES = ['家属院', '宿舍', '小区', '大院'] as const;
const NEW_SUFFIXES = ['花园', '华府', '雅苑', '名邸', '府', '湾', '公馆', '御景', '悦府', '天悦', '壹号', '锦苑', '国际', '新城', '嘉园', '豪庭', '美郡', '花园'] as const;

/** No compass words (城北, 河西 …): they would contradict where the community ends up. */
const COMMUNITY_STEMS = [
	'大通门', '马水河', '三岔口', '胜利', '顺城', '航天', '西郊', '民和', '新村', '马道', '袁家山', '海滨', '东岳', '团结',
	'文化', '红旗', '建新', '长宁', '兴胜', '月华', '泸山', '桃园', '龙眼井', '上坝', '下坝', '柏枝树', '清河', '杨柳村',
	'石塔', '凉桥', '草坝', '双河', '长安', '兴安', '川兴路', '邛海路', '宁远', '安宁路', '金沙', '钟鼓楼', '玉带', '春晖',
	'育英', '建设', '光明', '和平'
] as const;

const PRIMARY_ROAD_NAMES = ['航天大道', '凉山大道', '长安路', '胜利路', '建昌路', '邛海路', '三岔口路', '新村路', '月城大道', '宁远大道', '海滨路', '泸山大道'] as const;
const SECONDARY_ROAD_NAMES = [
	'马道路', '安宁路', '太和路', '川兴路', '民族路', '团结路', '文化路', '体育路', '健康路', '育才路', '学府路', '顺城街',
	'大通路', '北较场路', '马水河路', '袁家山路', '火把路', '索玛路', '石榴路', '春城路', '东岳路', '西郊路', '南环路',
	'北环路', '兴业路', '工业路', '机场路', '月华路', '航天北路', '航天南路', '新华路', '光明路', '朝阳路', '和平路',
	'长宁路', '民和路', '兴胜路', '桃园路', '清河路', '双河路', '金桥路', '锦城路', '梧桐路', '银杏路', '海棠路', '樱花路'
] as const;
const LANE_STEMS = [
	'桂花', '石榴', '槐树', '柳荫', '书院', '文庙', '仓房', '马市', '盐井', '铁匠', '竹园', '杏花', '梨园', '后街', '前进',
	'红星', '建设', '幸福', '和谐', '永安', '福寿', '吉祥', '长寿', '平安', '复兴', '东升', '南门', '井巷', '古城', '新街',
	'小庙', '水井', '官房', '米市', '瓦窑', '纸坊', '果园', '菜园', '茶园', '花市'
] as const;
const LANE_SUFFIXES = ['巷', '街', '巷', '路'] as const;

/** Hands out unique names; falls back to numbered variants when a list runs out. */
export class NameBook {
	private readonly used = new Set<string>();

	constructor(private readonly random: Random) {}

	/** The first unused candidate, else the first unused fallback(2), fallback(3), … */
	unique(candidates: string[], fallback: (n: number) => string): string {
		for (const name of candidates) {
			if (!this.used.has(name)) {
				this.used.add(name);
				return name;
			}
		}
		for (let n = 2; ; n++) {
			const name = fallback(n);
			if (!this.used.has(name)) {
				this.used.add(name);
				return name;
			}
		}
	}

	/** True if some name handed out so far starts with this stem (e.g. one 夕阳红 brand per town). */
	hasStem(stem: string): boolean {
		for (const name of this.used) if (name.startsWith(stem)) return true;
		return false;
	}

	compound(built: 'new' | 'existing'): string {
		const stems = this.random.shuffle(COMPOUND_STEMS);
		const candidates: string[] = [];
		for (const stem of stems) {
			const suffixes = built === 'new' ? (WORK_UNIT_STEMS.has(stem) ? [] : NEW_SUFFIXES) : WORK_UNIT_STEMS.has(stem) ? WORK_UNIT_SUFFIXES : OLD_SUFFIXES;
			if (suffixes.length) candidates.push(stem + this.random.pick(suffixes));
		}
		return this.unique(candidates, (n) => `${this.random.pick(COMPOUND_STEMS)}${['', '', '二', '三', '四', '五', '六'][n] ?? n}期`);
	}

	community(): string {
		return this.unique(this.random.shuffle(COMMUNITY_STEMS).map((stem) => `${stem}社区`), (n) => `第${n}社区`);
	}

	road(kind: 'primary' | 'secondary'): string {
		const list = kind === 'primary' ? PRIMARY_ROAD_NAMES : SECONDARY_ROAD_NAMES;
		return this.unique(
			this.random.shuffle(list).map((name) => name),
			(n) => `${this.random.pick(SECONDARY_ROAD_NAMES).replace(/路|街|大道/, '')}${['', '', '二', '三', '四'][n] ?? n}路`
		);
	}

	lane(): string {
		const stems = this.random.shuffle(LANE_STEMS);
		return this.unique(
			stems.map((stem) => stem + this.random.pick(LANE_SUFFIXES)),
			(n) => `${this.random.pick(LANE_STEMS)}${['', '', '二', '三', '四', '五'][n] ?? n}巷`
		);
	}
}
