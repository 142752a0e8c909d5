import { useEffect, useState } from 'preact/hooks';
import { OUTBOX_EVENT, pendingCount, startOutbox, type OutboxState } from '../client/outbox.ts';
import { t } from '../i18n/index.ts';

/** Says plainly when the device is offline and when everything is saved. */
export default function NetStatus() {
  const [state, setState] = useState<OutboxState>({ online: true, pending: 0, sending: false });
  useEffect(() => {
    setState({ online: navigator.onLine, pending: pendingCount(), sending: false });
    const onChange = (e: Event) => setState((e as CustomEvent<OutboxState>).detail);
    window.addEventListener(OUTBOX_EVENT, onChange);
    startOutbox();
    return () => window.removeEventListener(OUTBOX_EVENT, onChange);
  }, []);
  if (!state.online)
    return (
      <p class="notice warn" role="status" data-testid="net-status">
        {t('net.offline')}
      </p>
    );
  if (state.pending > 0 || state.sending)
    return (
      <p class="status-line" role="status" data-testid="net-status">
        {t('net.saving')}
      </p>
    );
  return (
    <p class="status-line" role="status" data-testid="net-status">
      {t('net.saved')}
    </p>
  );
}
