/**
 * The staff's deliberation desk texts: the list by step and linking a topic to what carries it out. Only the topic
 * pages read them, so they come with those pages' code (`addPageTexts`) rather than with the first page.
 */
export const zhDesk = {
  topicDesk: {
    linkExisting: "关联已有项目或诉求",
    linkKind: "关联什么",
    linkKinds: { project: "项目清单中的项目", request: "诉求" },
    linkTarget: { project: "选择项目", request: "选择诉求" },
    link: "关联到本议题",
    byStep: "按议事步骤查看",
    anyStep: "全部步骤",
  },
};

export type ZhDesk = typeof zhDesk;
