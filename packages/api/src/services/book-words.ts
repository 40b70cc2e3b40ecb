import {
  type ActivityCategory,
  type BuiltInCareCategory,
  type ActivityStatus,
  type CycleStatus,
  type NominationRoute,
  type ExportLanguage,
  type PartnerKind,
  type PartyStatus,
  type RequestCategory,
  type RequestKind,
  type RequestStatus,
  type TransferKind,
  type Urgency,
  type Level,
} from "@tongxin/core";
import type { REDEMPTION_STATUSES } from "../db/schema";

/**
 * The words a book (台账) writes for the codes its lists carry, in each language the header row comes in:
 * one place for the API's words, so an inspector reads 水电维修, not plumbing, and no book spells its own.
 */
type Words<Code extends string> = Record<Code, Record<ExportLanguage, string>>;

export const YES_NO: Words<"yes" | "no"> = { yes: { zh: "是", en: "yes" }, no: { zh: "否", en: "no" } };

export const REQUEST_KIND_WORDS: Words<RequestKind> = {
  service: { zh: "便民服务", en: "Service" },
  wish: { zh: "微心愿", en: "Micro-wish" },
  issue: { zh: "反映问题", en: "Problem" },
};

export const REQUEST_CATEGORY_WORDS: Words<RequestCategory> = {
  plumbing: { zh: "水电维修", en: "Plumbing & electrics" },
  haircut: { zh: "理发", en: "Haircut" },
  tutoring: { zh: "课业辅导", en: "Tutoring" },
  health: { zh: "健康义诊", en: "Health check" },
  legal: { zh: "法律咨询", en: "Legal advice" },
  companionship: { zh: "陪伴照护", en: "Company & care" },
  item: { zh: "物品心愿", en: "An item" },
  environment: { zh: "环境卫生", en: "Cleanliness" },
  dispute: { zh: "矛盾调解", en: "Dispute" },
  other: { zh: "其他", en: "Other" },
};

export const URGENCY_WORDS: Words<Urgency> = {
  normal: { zh: "一般", en: "Normal" },
  urgent: { zh: "较急", en: "Urgent" },
};

export const REQUEST_STATUS_WORDS: Words<RequestStatus> = {
  submitted: { zh: "已提交", en: "Submitted" },
  accepted: { zh: "已受理", en: "Accepted" },
  assigned: { zh: "已派单", en: "Assigned" },
  claimed: { zh: "已认领", en: "Claimed" },
  in_progress: { zh: "办理中", en: "In progress" },
  done: { zh: "已办结", en: "Done" },
  closed: { zh: "已关闭", en: "Closed" },
  rejected: { zh: "未受理", en: "Rejected" },
  cancelled: { zh: "已撤销", en: "Cancelled" },
};

export const LEVEL_WORDS: Words<Level> = {
  grid: { zh: "网格", en: "Grid" },
  community: { zh: "社区", en: "Community" },
  street: { zh: "街道", en: "Street" },
};

export const PARTY_STATUS_WORDS: Words<PartyStatus | "none"> = {
  none: { zh: "非党员", en: "Not a Party member" },
  active: { zh: "在职党员", en: "Party member (in service)" },
  retired: { zh: "退休党员", en: "Party member (retired)" },
  mobile: { zh: "流动党员", en: "Party member (mobile)" },
};

export const PARTNER_KIND_WORDS: Words<PartnerKind> = {
  agency: { zh: "机关", en: "Agency" },
  school: { zh: "学校", en: "School" },
  hospital: { zh: "医院", en: "Hospital" },
  enterprise: { zh: "企业", en: "Enterprise" },
  social_org: { zh: "社会组织", en: "Social organisation" },
};

export const ACTIVITY_STATUS_WORDS: Words<ActivityStatus> = {
  draft: { zh: "草稿", en: "Draft" },
  published: { zh: "报名中", en: "Open" },
  cancelled: { zh: "已取消", en: "Cancelled" },
  finished: { zh: "已结束", en: "Finished" },
};

export const ACTIVITY_CATEGORY_WORDS: Words<ActivityCategory> = {
  environment: { zh: "环境整治", en: "Environment" },
  health: { zh: "健康义诊", en: "Health check" },
  elderly: { zh: "助老帮扶", en: "Elderly care" },
  education: { zh: "课业辅导", en: "Tutoring" },
  policy: { zh: "政策宣传", en: "Policy outreach" },
  mediation: { zh: "矛盾调解", en: "Mediation" },
  safety: { zh: "平安巡逻", en: "Safety patrol" },
  culture: { zh: "文化文艺", en: "Culture" },
  other: { zh: "其他", en: "Other" },
};

export const TRANSFER_KIND_WORDS: Words<TransferKind> = {
  earning: { zh: "志愿服务积分", en: "Volunteer points" },
  reversal: { zh: "撤销扣回", en: "Reversed" },
  redemption: { zh: "爱心超市兑换", en: "Store redemption" },
  donation: { zh: "转赠", en: "Donation" },
  issuance: { zh: "积分发行", en: "Issuance" },
  other: { zh: "其他", en: "Other" },
};

export const TRANSFER_STATE_WORDS: Words<"pending" | "posted" | "voided"> = {
  pending: { zh: "待完成", en: "Pending" },
  posted: { zh: "已入账", en: "Posted" },
  voided: { zh: "已作废", en: "Voided" },
};

export const REDEMPTION_STATUS_WORDS: Words<(typeof REDEMPTION_STATUSES)[number]> = {
  reserved: { zh: "待领取", en: "To collect" },
  collected: { zh: "已领取", en: "Collected" },
  expired: { zh: "已过期", en: "Expired" },
};

export const CYCLE_STATUS_WORDS: Words<CycleStatus> = {
  draft: { zh: "筹备中", en: "Draft" },
  nominating: { zh: "申报中", en: "Nominating" },
  reviewing: { zh: "评审中", en: "In review" },
  notice: { zh: "公示中", en: "Public notice" },
  published: { zh: "已发布", en: "Published" },
  cancelled: { zh: "已取消", en: "Cancelled" },
};

export const NOMINATION_ROUTE_WORDS: Words<NominationRoute> = {
  self: { zh: "本人申请", en: "Self-application" },
  gridWorker: { zh: "网格员推荐", en: "Grid worker" },
  teamLeader: { zh: "队长推荐", en: "Team leader" },
  partyBranch: { zh: "党支部推荐", en: "Party branch" },
  committee: { zh: "两委提名", en: "Committee" },
};

/** A code's word in the reader's language; none stays none (an empty cell). */
export function wordOf<Code extends string>(words: Words<Code>, code: Code | null, language: ExportLanguage) {
  return code === null ? null : words[code][language];
}

/** The built-in care categories (core care.ts); a community's own category carries its own name. */
export const CARE_CATEGORY_WORDS: Words<BuiltInCareCategory> = {
  livingAlone: { zh: "独居老人", en: "Elderly living alone" },
  emptyNest: { zh: "空巢老人", en: "Empty-nest elderly" },
  leftBehindChild: { zh: "留守儿童", en: "Left-behind child" },
  childInDifficulty: { zh: "困境儿童", en: "Child in difficulty" },
  hardshipFamily: { zh: "困难家庭", en: "Family in hardship" },
  disability: { zh: "残疾人", en: "Person with disability" },
  seriousIllness: { zh: "重病患者", en: "Serious illness" },
};
