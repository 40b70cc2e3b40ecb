/**
 * The 民情账's texts: the grid's book and the care counts on the dashboards. Only those pages and the links to them
 * read these, so they come with their code (`addPageTexts`).
 */
export const zhCareBook = {
  careBook: {
    title: "民情账",
    intro: "本网格建立关爱档案的住户。只有本网格网格员和社区工作人员可以查看，每次查看和导出都会留下记录。",
    empty: "本网格还没有建立关爱档案的住户。",
    residents: "居民",
    noResidents: "未登记居民账号",
    categories: "关爱类别",
    level: "走访频次",
    needs: "需求",
    consent: "知情同意",
    consentGiven: "已同意（{{ name }}，{{ day }}）",
    consentWithdrawn: "已撤回（{{ day }}）",
    consentNone: "未签知情同意，结对人看不到此户",
    emergency: "紧急联系人",
    call: "拨打",
    visitors: "结对人",
    noVisitors: "尚未结对",
    lastVisit: "最近走访",
    never: "尚未走访",
    nextVisit: "下次走访",
    requests: "诉求",
    requestCounts: "未办结 {{ open }} 件，已结束 {{ closed }} 件",
    open: "查看档案",
    more: "加载更多",
  },
  careCounts: {
    title: "关爱对象（按网格）",
    intro: "各网格建立关爱档案的住户数。少于 {{ min }} 户的数字不显示，以免认出具体家庭。",
    grid: "网格",
    fewer: "少于{{ min }}",
  },
};

export type ZhCareBook = typeof zhCareBook;
