import { buildCall, dingTalkSign, dingTalkSignedUrl, OutgoingMessage, webhookSignature } from './channel-senders.js';
import { maskUrl } from './dto/notification.dto.js';

const message: OutgoingMessage = {
  eventId: 'e1',
  event: 'REMINDER_DUE',
  title: '提醒：华夏基金项目',
  text: '回访\n\n> 提醒对象：王丽',
  subjectType: 'PROJECT',
  subjectId: 'p1',
  reminderId: 'r1',
  occurredAt: new Date('2026-11-26T01:00:00Z'),
};

describe('channel senders', () => {
  it('signs DingTalk URLs as HMAC-SHA256 of "timestamp\\nsecret", base64, URL-encoded', () => {
    // Expected value from `openssl dgst -sha256 -hmac SEC0123456789abcdef -binary | base64`.
    expect(dingTalkSign('SEC0123456789abcdef', 1700000000000)).toBe('TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk=');
    expect(dingTalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=t', 'SEC0123456789abcdef', 1700000000000)).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D',
    );
  });

  it('signs webhook bodies with a hex HMAC of "timestamp.body"', () => {
    expect(webhookSignature('whsec', 1700000000000, '{"a":1}')).toBe('e396dba269569843ec61b16bf9a0e70c598b534678cf1863562e0699c7685c8d');
  });

  it('sends WeCom a markdown message and leaves its URL alone', () => {
    const call = buildCall({ type: 'WECOM', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', secret: null }, message, 1);
    expect(call.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k');
    expect(JSON.parse(call.body)).toEqual({ msgtype: 'markdown', markdown: { content: '**提醒：华夏基金项目**\n回访\n\n> 提醒对象：王丽' } });
  });

  it('clips a WeCom message to what the robot accepts (4096 bytes)', () => {
    const call = buildCall({ type: 'WECOM', url: 'http://x', secret: null }, { ...message, text: '长😀'.repeat(3000) }, 1);
    expect(Buffer.byteLength(JSON.parse(call.body).markdown.content, 'utf8')).toBeLessThanOrEqual(4096);
  });

  it('sends DingTalk a markdown message, on a signed URL only when it has a secret', () => {
    const plain = buildCall({ type: 'DINGTALK', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: null }, message, 5);
    expect(plain.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=t');
    expect(JSON.parse(plain.body)).toMatchObject({ msgtype: 'markdown', markdown: { title: '提醒：华夏基金项目' } });
    const signed = buildCall({ type: 'DINGTALK', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 's3cret-s3cret' }, message, 5);
    expect(signed.url).toMatch(/&timestamp=5&sign=/);
  });

  it('posts the generic webhook ids and text, signed when it has a secret', () => {
    const call = buildCall({ type: 'WEBHOOK', url: 'https://hooks.example.org/crm', secret: 'whsec' }, message, 1700000000000);
    const body = JSON.parse(call.body);
    expect(body).toEqual({ eventId: 'e1', event: 'REMINDER_DUE', title: message.title, text: message.text, subjectType: 'PROJECT', subjectId: 'p1', reminderId: 'r1', occurredAt: '2026-11-26T01:00:00.000Z' });
    expect(call.headers['x-heping-signature']).toBe(`sha256=${webhookSignature('whsec', 1700000000000, call.body)}`);
    expect(buildCall({ type: 'WEBHOOK', url: 'https://h', secret: null }, message, 1).headers['x-heping-signature']).toBeUndefined();
  });

  it('masks robot tokens in channel addresses', () => {
    expect(maskUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****5aaa',
    );
    expect(maskUrl('https://user:pw@hooks.example.org/x?t=ab')).toBe('https://****@hooks.example.org/x?t=****');
  });
});
