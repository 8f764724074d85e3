/**
 * The device whose ceilings decide compute- vs memory-bound: the machine's known devices
 * (capabilities). Picking one re-inspects the model for it and keeps the choice in preferences; a
 * model opened later is judged against the device picked last.
 */
import { useEffect } from 'react';
import type { Model } from '../../../../electron/core/model/types';
import { useCapabilities } from '../../api/capabilities';
import { usePreferencesStore } from '../../store/preferences-store';
import { useSessionStore } from '../../store/session-store';

export function DevicePicker({ model }: { model: Model }) {
  const devices = useCapabilities()?.devices ?? [];
  const preferred = usePreferencesStore((state) => state.device);
  const setDevice = usePreferencesStore((state) => state.setDevice);
  const reinspect = useSessionStore((state) => state.reinspect);
  const inspecting = useSessionStore((state) => state.inspecting);
  const current = devices.find((device) => device.name === model.ceilings.name);
  const wanted = devices.find((device) => device.key === preferred);

  // A model inspected for another device than the preferred one is judged again, once.
  useEffect(() => {
    if (wanted && current && wanted.key !== current.key && !inspecting)
      void reinspect({ device: wanted.name }, `for ${wanted.name}`);
  }, [model, wanted?.key]);

  return (
    <select
      id="device-picker"
      value={current?.key ?? ''}
      disabled={devices.length === 0 || inspecting !== null}
      onChange={(event) => {
        const device = devices.find((item) => item.key === event.target.value);
        if (!device) return;
        setDevice(device.key);
      }}
    >
      {!current && <option value="">{model.ceilings.name}</option>}
      {devices.map((device) => (
        <option key={device.key} value={device.key}>
          {device.name}
        </option>
      ))}
    </select>
  );
}
