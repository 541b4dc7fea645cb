import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { type LevelNode, NO_REGION_KEY } from '@shelfcast/contracts';
import { NumberPipe } from '../../core/i18n/format.pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  levelKey,
  nodeLabel,
  type LevelSelection,
} from '../data-access/level-selection';

/**
 * The hierarchy level selector (chain / region / store / category / category × store / product /
 * product × store, the ones the role may not open disabled), below chain the node picker of the
 * loaded level, and the accuracy of the reconciled forecasts at this level.
 */
@Component({
  selector: 'sc-level-picker',
  imports: [
    MatButtonToggleModule,
    MatFormFieldModule,
    MatSelectModule,
    NumberPipe,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      data-testid="hierarchy-level"
      [value]="selection().level()"
      (change)="selection().setLevel($event.value)"
      [attr.aria-label]="'levels.level.label' | t"
      hideSingleSelectionIndicator
    >
      @for (l of selection().levels; track l) {
        <mat-button-toggle [value]="l" [disabled]="!selection().allowed(l)">{{
          levelKey(l) | t
        }}</mat-button-toggle>
      }
    </mat-button-toggle-group>
    @if (selection().level() !== 'chain' && nodes().length) {
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>{{ 'levels.node' | t }}</mat-label>
        <mat-select
          data-testid="hierarchy-node"
          [value]="selection().data()?.key"
          (valueChange)="selection().setKey($event)"
        >
          @for (n of nodes(); track n.key) {
            <mat-option [value]="n.key">{{
              nodeLabel(n, 'levels.noRegion' | t)
            }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
    @if (selection().data()?.accuracy; as a) {
      <span
        class="level-accuracy"
        data-testid="level-accuracy"
        [attr.title]="'levels.accuracy.hint' | t"
      >
        {{
          'levels.accuracy'
            | t
              : {
                  mase: (a.mase | scNumber: 2),
                  base: (a.baseMase | scNumber: 2),
                  coverage: ((a.coverage ?? 0) * 100 | scNumber: 0),
                }
        }}
      </span>
    }
    @if (noRegion()) {
      <span class="level-hint" data-testid="level-no-region">{{
        'levels.noRegion.hint' | t
      }}</span>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .level-accuracy,
    .level-hint {
      font-size: 0.85rem;
      opacity: 0.8;
    }
  `,
})
export class LevelPicker {
  readonly selection = input.required<LevelSelection>();

  protected readonly levelKey = levelKey;
  protected readonly nodeLabel = nodeLabel;

  protected nodes(): readonly LevelNode[] {
    return this.selection().data()?.nodes ?? [];
  }

  /** The region level lists stores without a region: say where they are. */
  protected noRegion(): boolean {
    return (
      this.selection().data()?.level === 'region' &&
      this.nodes().some((n) => n.key === NO_REGION_KEY)
    );
  }
}
