/**
 * The Electron IPC channels that are not operations of the contract: how the desktop app gets files
 * to core (the Open dialog, files dropped on the window) and what the main process pushes to the
 * window (job events, menu commands). Operations travel on `ipcChannelOf(name)` (operations.ts).
 */
export const DesktopChannel = {
  /** Shows the Open dialog; the chosen paths are granted and returned ([] when cancelled). */
  chooseFiles: 'studio:choose-files',
  /** Grants paths the preload read from dropped Files (webUtils.getPathForFile). */
  grantDroppedFiles: 'studio:grant-dropped-files',
  /** main -> window: a job event (JobEvent). */
  jobEvent: 'studio:job-event',
  /** main -> window: a menu item was chosen (MenuCommand). */
  menuCommand: 'studio:menu-command',
  /** main -> window: open these granted paths as one session (Open Recent, a second launch, the OS). */
  openPaths: 'studio:open-paths',
  /** Prints a report's HTML file to PDF (webContents.printToPDF); {htmlPath, pdfPath}. */
  printReportPdf: 'studio:print-report-pdf',
} as const;
