import { ElMessage, ElMessageBox } from 'element-plus';
// Called from code, not templates, so the on-demand import does not bring their styles by itself.
import 'element-plus/theme-chalk/el-message.css';
import 'element-plus/theme-chalk/el-message-box.css';
import { reactive } from 'vue';
import { ApiError } from '@/api/errors';

/** Says any failure in Chinese (an ApiError already is; anything else is a generic fault). */
export function say(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return '操作没有成功，请重试；如果一直出现，请联系系统管理员。';
}

export function showError(e: unknown): void {
  if (e instanceof ApiError && e.status === 401) return; // the sign-in dialog speaks for itself
  ElMessage({ type: 'error', message: say(e), duration: 6000, showClose: true, grouping: true });
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message, duration: 2500 });
}

/** Asks before an act that is hard to take back. Resolves true when confirmed. */
export async function confirmAct(message: string, title = '请确认', confirmButtonText = '确定'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { confirmButtonText, cancelButtonText: '取消', type: 'warning' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The field problems of a form's last submit, keyed by the API's field names (`plannedInvestment.amount`),
 * for `<el-form-item :error="errors.x">`; the message of anything else as `errors._`.
 */
export function useFieldErrors() {
  const errors = reactive<Record<string, string>>({});
  function clear(): void {
    for (const key of Object.keys(errors)) delete errors[key];
  }
  /** Shows a failed submit: field problems beside their fields, the rest as a message. */
  function apply(e: unknown): void {
    clear();
    if (e instanceof ApiError && Object.keys(e.fields).length) {
      Object.assign(errors, e.fields);
      errors._ = e.message;
      return;
    }
    errors._ = say(e);
    showError(e);
  }
  return { errors, clear, apply };
}
