/**
 * PDF export in the desktop app: a report's self-contained HTML (made by core's report builder) is
 * loaded in a hidden, sandboxed window with no preload and printed with webContents.printToPDF; the
 * PDF is written atomically, only where the app may write.
 */
import { BrowserWindow } from 'electron';
import { z } from 'zod';
import { ApiError } from '../core/api/api-error';
import { DesktopChannel } from '../core/api/desktop-channels';
import type { FileAccess } from '../core/api/file-access';
import { writeFileAtomic } from '../core/model/session';
import { handleIpc } from './ipc-handle';
import type { AppWindows } from './sender-check';

const request = z.strictObject({ htmlPath: z.string().min(1), pdfPath: z.string().min(1) });

export async function printHtmlToPdf(htmlPath: string, pdfPath: string): Promise<string> {
  const window = new BrowserWindow({
    show: false,
    // The report's own script draws its charts; it gets no preload, no Node and no new windows.
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await window.loadFile(htmlPath);
    const pdf = await window.webContents.printToPDF({
      printBackground: true,
      pageSize: 'A4',
      preferCSSPageSize: true,
    });
    writeFileAtomic(pdfPath, pdf);
    return pdfPath;
  } finally {
    window.destroy();
  }
}

export function registerPdfExportIpc(appWindows: AppWindows, files: FileAccess): void {
  handleIpc(appWindows, DesktopChannel.printReportPdf, (raw) => {
    const parsed = request.safeParse(raw);
    if (!parsed.success) throw new ApiError(400, `print-report-pdf: ${parsed.error.issues[0]?.message}`);
    return printHtmlToPdf(files.readable(parsed.data.htmlPath), files.writable(parsed.data.pdfPath));
  });
}
