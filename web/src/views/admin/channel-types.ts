/** The kinds of channel, with where an admin finds the robot's address. */
export const CHANNEL_TYPES = [
  { code: 'WECOM', label: '企业微信机器人', hint: '群设置 → 群机器人 → 复制 Webhook 地址' },
  { code: 'DINGTALK', label: '钉钉机器人', hint: '群设置 → 智能群助手 → 添加机器人 → 自定义；安全设置选“加签”时填写 SEC 开头的密钥' },
  { code: 'WEBHOOK', label: '通用 Webhook', hint: '以 JSON 推送到其他系统；填写密钥时请求带 HMAC-SHA256 签名' },
] as const;
