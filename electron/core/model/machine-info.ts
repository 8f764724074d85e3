/** The machine a profile runs on, described the same way by every backend. */
import os from 'node:os';
import type { DeviceInfo, MachineInfo } from './types';

/** This machine: hostname, OS (type, release, architecture), CPU model and cores, and the device used. */
export function machineInfo(device?: DeviceInfo): MachineInfo {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model.trim(),
    cpuCores: cpus.length,
    ...(device ? { device } : {}),
  };
}
