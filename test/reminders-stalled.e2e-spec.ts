import { DeliveriesProcessor } from '../src/modules/notifications/deliveries.processor.js';
import { JobQueues } from '../src/queue/job-queues.service.js';
import { deliveryJobId } from '../src/queue/queue.constants.js';
import { createProject } from './factories/records.factory.js';
import { Robots, eventually, sleep } from './support/robots.js';
import { createTestApp, TestApp } from './support/test-app.js';

/**
 * A worker dies in the middle of a delivery (its lock lapses after QUEUE_LOCK_MS, forced short here)
 * and a second instance picks the job up: the robot still hears about the reminder once.
 */
describe('a worker lost mid-job', () => {
  let first: TestApp;
  let second: TestApp | undefined;
  let robots: Robots;

  beforeAll(async () => {
    robots = await Robots.start();
    first = await createTestApp({ ALLOWED_WEBHOOK_HOSTS: '127.0.0.1', QUEUE_LOCK_MS: '600', QUEUE_STALLED_MS: '200', DELIVERY_BACKOFF_MS: '150', DELIVERY_ATTEMPTS: '8' });
  });
  afterAll(async () => {
    robots.release();
    await second?.stop();
    await first.close();
    await robots.close();
  });

  it('delivers once when a second instance takes over a delivery whose worker stopped renewing its lock', async () => {
    const channel = await first.admin.api.post('/api/v1/notification-channels').send({ type: 'WEBHOOK', url: `${robots.url}/hold`, events: ['REMINDER_DUE'] }).expect(201);
    const project = await createProject(first.admin.api);
    const reminder = await first.admin.api
      .post('/api/v1/reminders')
      .send({ subjectType: 'PROJECT', subjectId: project.id, dueAt: new Date().toISOString(), message: '中途失联的任务' })
      .expect(201);
    // The first instance's worker has sent the request; the robot has not answered yet.
    await eventually(async () => robots.requests.length === 1, 5000, 'the first attempt');

    // Its worker stops (force: no waiting for the running job), as a killed process would; a second
    // instance on the same database and Redis starts and finds the job stalled once the lock lapses.
    await first.app.get(DeliveriesProcessor).worker.close(true);
    second = await first.restart();
    const deliveries = second.admin.api;
    const row = async (): Promise<{ id: string; status: string; attempts: number; lastError: string | null }> =>
      (await deliveries.get(`/api/v1/reminders/${reminder.body.id}/deliveries`).expect(200)).body.items.find(
        (d: { channel: { id: string } }) => d.channel.id === channel.body.id,
      );
    await sleep(1500); // the lock (600 ms) lapses; the second worker retries while the first still holds the delivery
    const held = await row();
    expect(held).toMatchObject({ status: 'SENDING', attempts: 1 });
    const job = await second.app.get(JobQueues).deliveries.getJob(deliveryJobId(held.id));
    expect(job?.attemptsMade).toBeGreaterThanOrEqual(1);
    expect(job?.failedReason).toContain('is being sent by another run');
    expect(robots.requests).toHaveLength(1);

    // The first run's request finally gets its answer: it records SENT, and the second run then finds nothing to do.
    robots.release();
    await eventually(async () => (await row()).status === 'SENT', 5000, 'SENT');
    await sleep(800);
    expect(robots.requests).toHaveLength(1);
    expect(await row()).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
  });
});
