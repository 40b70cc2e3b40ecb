/**
 * Check-in texts: the organiser's QR screen, the in-app scanner, a scan's state (待同步) and the check-in page.
 * Only those, loaded lazily, read them, so they come with their code (`addPageTexts`).
 */
export const zhScan = {
  qr: {
    title: "扫码签到",
    hint: "志愿者用手机扫码签到，再次扫码签退。二维码每 30 秒更新。",
    expires: "有效至 {{ time }}",
    code: "签到码",
    codeHint: "没有摄像头的志愿者，在“扫一扫”里输入这 6 位数字",
    offline: "网络断了，签到码仍会按时更新 {{ n }} 分钟",
    needSignal: "网络断开太久，需要联网才能显示新的签到码。没带手机的志愿者可以联网后代为签到。",
    byPhone: "没带手机的志愿者",
    byPhoneHint: "输入姓名和手机尾号，为他签到",
    phoneLast4: "手机尾号 4 位",
    name: "姓名",
    checkInPerson: "代为签到",
    checkedInPerson: "已为 {{ name }} 签到（{{ time }}）",
  },
  scan: {
    title: "扫一扫",
    aim: "把手机对准组织者屏幕上的二维码，也可以扫取件码和公告上的二维码。",
    camera: "摄像头画面",
    notOurs: "这不是同心的二维码，请对准组织者屏幕上的签到码。",
    noCamera: "这台手机不能用摄像头扫码，请输入组织者屏幕上的 6 位签到码。",
    denied: "没有得到摄像头权限，请输入组织者屏幕上的 6 位签到码（也可以在浏览器设置里允许使用摄像头）。",
    typeInstead: "没有摄像头？输入签到码",
    code: "6 位签到码",
    codeHint: "看组织者屏幕上二维码下面的数字",
    codeSixDigits: "请输入 6 位数字",
    submitCode: "签到",
    waiting: "待同步",
    waitingHint: "已记下扫码时间 {{ time }}，有信号后会自动提交，不用再扫。",
    queuedTitle: "尚未完成的签到（{{ n }}）",
    dismiss: "知道了",
    close: "关闭",
    useButton: "也可以在首页点“扫一扫”。",
  },
  checkin: {
    title: "签到",
    working: "正在签到…",
    checkedIn: "签到成功：{{ title }}",
    checkedOut: "签退成功：{{ title }}",
    again: "活动结束离开时，再扫一次码签退",
    alreadyIn: "您已签到：{{ title }}（{{ time }}），不用再扫。活动结束离开时再扫码签退。",
    noCode: "请用手机扫描组织者屏幕上的二维码来签到。",
    unreadable: "二维码无法识别",
    scanAgain: "请对准组织者屏幕上正在显示的二维码，再扫一次。二维码每 30 秒更新一次。",
    allDone: "本班次您已签到并签退，不用再扫了。",
    askOrganiser: "如有疑问，请找现场的活动组织者。",
    tryAgain: "请稍后点“重试”；仍不行，请告诉现场的活动组织者。",
    retry: "重试",
  },
};

export type ZhScan = typeof zhScan;
