import type { Channel, DeliveryState, MessageKind } from "@tongxin/core";

/**
 * Messages outside the app: a person's channel choices (on the profile page) and the staff's delivery list. Only
 * those pages read them, so they come with those pages' code (`addPageTexts`) rather than with the first page.
 */
export const zhOutbox = {
  channels: {
    title: "短信和微信提醒",
    intro:
      "同心里的消息，也可以用短信或微信发给您。默认都不发，由您自己选。晚上 9 点到早上 8 点不发短信，紧急的除外（如活动临时取消）。",
    sms: "短信提醒",
    smsHint: "发到您登录用的手机号",
    wechat: "微信提醒",
    wechatHint: "以微信订阅消息发送",
    on: "开",
    off: "关",
    saved: "已保存",
    unsubscribe: "全部退订",
    unsubscribed: "已退订：不再用短信和微信给您发提醒。同心里的消息照常。",
  },
  deliveries: {
    title: "消息送达",
    intro: "发给本社区居民的短信和微信提醒：何时、什么消息、是否送达。手机号只显示前三位和后四位。",
    community: "社区",
    state: "状态",
    allStates: "全部状态",
    when: "时间",
    kind: "消息",
    channel: "渠道",
    recipient: "收件人",
    attempts: "尝试次数",
    lastError: "最近的错误",
    urgent: "紧急",
    nextAttempt: "下次发送：{{ time }}",
    none: "暂无记录",
    states: {
      pending: "等待发送",
      sending: "发送中",
      delivered: "已送达",
      failed: "发送失败",
      skipped: "已退订，未发送",
    } satisfies Record<DeliveryState, string>,
    channels: { sms: "短信", wechat: "微信" } satisfies Record<Channel, string>,
    kinds: {
      request_new: "新需求",
      request_posted_for_you: "代办需求",
      request_changed: "需求进展",
      request_confirm: "请确认需求",
      request_assigned: "派单",
      request_holder: "承接的需求",
      activity_cancelled: "活动取消",
      waitlist_promoted: "候补转正",
      shift_reminder: "班次提醒",
      team_approved: "入队通过",
      team_rejected: "入队未通过",
      points_fund_empty: "积分基金不足",
      points_donated: "收到转赠",
      rating_objection: "评议异议",
      rating_objection_nominee: "公示异议",
      warning_opened: "预警",
      warnings_opened: "预警",
      topic_changed: "议题进展",
      commitment_decided: "承诺评定",
      meeting_invited: "会议邀请",
    } satisfies Record<MessageKind, string>,
  },
};

export type ZhOutbox = typeof zhOutbox;
