/**
 * IAF/EA sector codes used for QMS certification scopes (IAF ID 1), with working Chinese names.
 * Two-digit strings so that "03" sorts and displays as certification bodies write it.
 */
export const IAF_SECTORS: Readonly<Record<string, string>> = {
  '01': '农业、林业和渔业',
  '02': '采矿业和采石业',
  '03': '食品、饮料和烟草',
  '04': '纺织品及纺织产品',
  '05': '皮革及皮革制品',
  '06': '木材及木制品',
  '07': '纸浆、纸及纸制品',
  '08': '出版业',
  '09': '印刷业',
  '10': '焦炭及精炼石油制品',
  '11': '核燃料',
  '12': '化学品、化学制品及纤维',
  '13': '医药品',
  '14': '橡胶和塑料制品',
  '15': '非金属矿物制品',
  '16': '混凝土、水泥、石灰、石膏等',
  '17': '基础金属及金属制品',
  '18': '机械及设备',
  '19': '电气及光学设备',
  '20': '造船',
  '21': '航空航天',
  '22': '其他运输设备',
  '23': '未分类的制造业',
  '24': '回收',
  '25': '电力供应',
  '26': '气体生产与供应',
  '27': '水生产与供应',
  '28': '建筑',
  '29': '批发及零售；汽车、摩托车、个人及家用物品修理',
  '30': '宾馆及餐馆',
  '31': '运输、仓储及通信',
  '32': '金融、房地产、出租服务',
  '33': '信息技术',
  '34': '工程服务',
  '35': '其他服务',
  '36': '公共行政管理',
  '37': '教育',
  '38': '卫生保健与社会公益事业',
  '39': '其他社会服务',
};

export const isIafSector = (code: string): boolean => Object.prototype.hasOwnProperty.call(IAF_SECTORS, code);

/**
 * Everyday examples for each sector, for shop owners who have never heard of IAF codes: the picker shows
 * these first and lets people type any of them (or part of the name, or the code) to find their sector.
 */
const EXAMPLES: Readonly<Record<string, string>> = {
  '01': '种植、养殖、林场、渔场、农产品初加工',
  '02': '采矿、采石、采砂',
  '03': '食品厂、饮料、酒、茶叶、糕点、调味品',
  '04': '纺织、服装、家纺、针织、童装',
  '05': '皮革、皮鞋、箱包',
  '06': '木材加工、木门、木制品',
  '07': '纸箱、纸盒、纸制品',
  '08': '出版',
  '09': '印刷、包装印刷、快印',
  '10': '炼油、焦炭',
  '11': '核燃料',
  '12': '化工、涂料、洗涤剂、化纤',
  '13': '药品、中药饮片',
  '14': '塑料制品、注塑、橡胶制品',
  '15': '玻璃、陶瓷、耐火材料、石材',
  '16': '混凝土、水泥、石灰、石膏、预制件',
  '17': '钢铁、有色金属、五金、金属加工',
  '18': '机械、设备、机加工、轴承',
  '19': '电气、电子、灯具、仪器仪表、光学',
  '20': '造船、船舶修理',
  '21': '航空航天',
  '22': '汽车零部件、摩托车、自行车、其他车辆',
  '23': '家具、首饰、文体用品、玩具、其他制造',
  '24': '废品回收、再生资源',
  '25': '发电、供电',
  '26': '燃气生产与供应',
  '27': '自来水、污水处理',
  '28': '建筑施工、装修、安装',
  '29': '商店、批发、零售、汽车维修、家电维修',
  '30': '饭店、餐馆、宾馆、民宿',
  '31': '物流、运输、仓储、快递、通信',
  '32': '金融、房地产、物业、租赁',
  '33': '软件、信息技术服务',
  '34': '工程设计、咨询、检测',
  '35': '保洁、保安、人力资源、广告、其他服务',
  '36': '公共管理',
  '37': '学校、培训机构',
  '38': '医院、诊所、养老院、社会服务',
  '39': '美容美发、洗衣、文化娱乐、其他社会服务',
};

export interface SectorOption {
  code: string;
  name: string;
  /** everyday examples, shown before the formal name */
  examples: string;
  /** what a picker shows: plain words first, the code last (certification bodies still need it) */
  label: string;
}

/** Every sector in code order, 01 first. (Object.entries(IAF_SECTORS) puts "10"–"39" before "01"–"09":
 * JavaScript orders integer-like keys first, and "01" is not one.) */
export const SECTOR_OPTIONS: readonly SectorOption[] = Object.keys(IAF_SECTORS)
  .sort()
  .map((code) => {
    const name = IAF_SECTORS[code];
    const examples = EXAMPLES[code] ?? '';
    const label = examples && examples !== name ? `${examples}（${name}，代码 ${code}）` : `${name}（代码 ${code}）`;
    return { code, name, examples, label };
  });

/**
 * The sectors matching what someone typed: every word (split on spaces and punctuation) must appear in the
 * code, the formal name or the examples. An empty query matches all.
 */
export function filterSectors(query: string): SectorOption[] {
  const words = query
    .trim()
    .toLowerCase()
    .split(/[\s,，、;；/]+/)
    .filter(Boolean);
  if (!words.length) return [...SECTOR_OPTIONS];
  return SECTOR_OPTIONS.filter((s) => {
    const hay = `${s.code} ${s.name} ${s.examples}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
