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

export const isIafSector = (code: string): boolean =>
  Object.prototype.hasOwnProperty.call(IAF_SECTORS, code);
