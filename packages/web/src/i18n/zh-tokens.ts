import type { ApiTokenAccess, TokenStatus } from "@tongxin/core";

/**
 * 接口令牌: the street admin's page of API tokens for other systems (decision 0020). Only that page reads them, so
 * they come with its code (`addPageTexts`) rather than with the first page.
 */
export const zhTokens = {
  apiTokens: {
    title: "接口令牌",
    intro:
      "区、市平台等其他系统调用同心接口时使用的令牌。令牌代表签发它的街道管理员办事，每次使用都记入操作记录；签发人被停用或不再是街道管理员时，令牌随之失效。",
    issueTitle: "签发新令牌",
    name: "令牌名称",
    nameHint: "写明哪个系统使用，如“区网格化平台”",
    scope: "范围",
    wholeStreet: "整个街道",
    access: "权限",
    accesses: { read: "只读", read_write: "读写" } satisfies Record<ApiTokenAccess, string>,
    days: "有效天数",
    daysHint: "1 到 366 天，到期自动失效",
    daysInvalid: "有效天数须为 1 到 366 天",
    issue: "签发",
    issued: "已签发“{{ name }}”",
    secretTitle: "请立即复制令牌",
    secret: "令牌",
    secretWarning: "令牌只显示这一次，关闭或离开本页后无法再查看。请复制后交给对方系统的负责人妥善保管。",
    copy: "复制令牌",
    copied: "已复制",
    copyFailed: "没能复制，请长按或选中上面的令牌手动复制",
    done: "我已保存，关闭",
    listTitle: "已签发的令牌",
    none: "还没有签发令牌",
    prefix: "令牌开头",
    status: "状态",
    statuses: { active: "有效", expired: "已过期", revoked: "已撤销" } satisfies Record<TokenStatus, string>,
    expiresAt: "有效期至",
    lastUsed: "最近使用",
    neverUsed: "未使用",
    issuer: "签发人",
    revoke: "撤销",
    revokeLabel: "撤销令牌“{{ name }}”（开头 {{ prefix }}）",
    revokeConfirm: "撤销“{{ name }}”（开头 {{ prefix }}）后，使用它的系统将立即无法调用接口。确定撤销吗？",
    revoked: "已撤销“{{ name }}”（开头 {{ prefix }}）",
    notAdmin: "只有街道管理员可以管理接口令牌。",
  },
};

export type ZhTokens = typeof zhTokens;
