import type { EventRepo } from '../store';

/**
 * TODO(events): placeholder until the events repository is written with Kysely for both
 * databases. On PostgreSQL reads find nothing and writes are refused with this message.
 */
export class PendingPostgresEventRepo implements EventRepo {
  private refuse(): never {
    throw new Error('Events (scalars, console, plots, images) are not stored on PostgreSQL yet: use the SQLite store');
  }
  async addScalars() {
    this.refuse();
  }
  async listSeries() {
    return [];
  }
  async readChunks() {
    return [];
  }
  async readExtremes() {
    return new Float64Array();
  }
  async addLogs() {
    this.refuse();
  }
  async readLogLines() {
    return [];
  }
  async countLogLines() {
    return 0;
  }
  async readLogs() {
    return [];
  }
  async countLogs() {
    return 0;
  }
  async searchLogs() {
    return [];
  }
  async addEvents() {
    this.refuse();
  }
  async queryEvents() {
    return [];
  }
  async listMetrics() {
    return [];
  }
  async deleteForTask() {
    return 0;
  }
  async deleteLogs() {
    return 0;
  }
}
