import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ImportReport } from '@shelfcast/contracts';
import {
  DateTimePipe,
  DurationPipe,
  NumberPipe,
} from '../../core/i18n/format.pipes';
import { kindKey, statusKey } from '../../core/i18n/keys';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

@Component({
  selector: 'sc-import-history',
  imports: [TranslatePipe, DateTimePipe, DurationPipe, NumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="sc-table-scroll">
      <table class="sc-table">
        <thead>
          <tr>
            <th scope="col">{{ 'data.history.started' | t }}</th>
            <th scope="col">{{ 'data.history.kind' | t }}</th>
            <th scope="col">{{ 'data.history.file' | t }}</th>
            <th scope="col">{{ 'data.history.status' | t }}</th>
            <th scope="col" class="num">{{ 'data.history.rows' | t }}</th>
            <th scope="col" class="num">{{ 'data.history.errors' | t }}</th>
            <th scope="col" class="num">{{ 'data.history.duration' | t }}</th>
            <th scope="col">{{ 'data.history.user' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (r of reports(); track r.id) {
            <tr>
              <td class="nowrap">{{ r.startedAt | scDateTime }}</td>
              <td>{{ kindKey(r.kind) | t }}</td>
              <td class="file">{{ r.fileName }}</td>
              <td>
                <span class="status" [attr.data-status]="r.status">{{
                  statusKey(r.status) | t
                }}</span>
              </td>
              <td class="num">
                {{ r.rowsImported | scNumber }} / {{ r.rowsRead | scNumber }}
              </td>
              <td class="num">{{ r.errorCount | scNumber }}</td>
              <td class="num">{{ r.durationMs | scDuration }}</td>
              <td>{{ r.userName ?? '–' }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .nowrap {
      white-space: nowrap;
    }
    .file {
      min-width: 12ch;
      overflow-wrap: anywhere;
    }
    .status {
      display: inline-block;
      padding: 2px 10px;
      border-radius: var(--mat-sys-corner-full);
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-surface-container-high);
    }
    .status[data-status='succeeded'] {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .status[data-status='rejected'],
    .status[data-status='failed'],
    .status[data-status='aborted'] {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class ImportHistory {
  readonly reports = input.required<readonly ImportReport[]>();
  protected readonly kindKey = kindKey;
  protected readonly statusKey = statusKey;
}
