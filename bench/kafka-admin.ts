/** An admin client for one bench step, closed afterwards. */
import { Admin } from '@platformatic/kafka';

export async function withAdmin<T>(brokers: string[], fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Admin({ clientId: 'bench-admin', bootstrapBrokers: brokers });
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}
