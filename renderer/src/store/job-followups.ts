/**
 * What happens when a job the user started from this page succeeds, wherever the user is by then:
 * a finished run opens its session (and shows it), measured shapes replace the model on screen. A
 * job that fails or is cancelled leaves the screen as it was (the Run view shows where it stopped).
 */
import { navigate } from '../shell/hash-route';
import { useJobsStore } from './jobs-store';
import { useSessionStore } from './session-store';

export function carryOutFollowups(): () => void {
  return useJobsStore.subscribe((state) => {
    for (const [jobId, followup] of Object.entries(state.followups)) {
      const record = state.jobs[jobId];
      if (!record || record.state === 'running') continue;
      state.settle(jobId);
      const result = record.result;
      if (record.state !== 'succeeded' || !result) continue;
      if (followup === 'open-session' && result.kind === 'profile') {
        void useSessionStore
          .getState()
          .openSessionFile(result.sessionPath, result.sessionPath.split(/[\\/]/).at(-1)!)
          .then((ok) => ok && navigate('session'));
      } else if (followup === 'replace-model' && result.kind === 'inspect') {
        useSessionStore.getState().replaceModel(result.model);
      }
    }
  });
}
