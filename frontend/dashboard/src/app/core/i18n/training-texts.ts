/** Texts of the training alerts (failure banner, Cancel), spread into the dictionaries. */
export const TRAINING_EN = {
  'models.cancel.action': 'Cancel run',
  'models.cancel.cancelling': 'Cancelling…',
  'models.cancel.confirm':
    'Cancel training run {id}? The work done so far is discarded; the current model keeps serving.',
  'models.cancel.done':
    'Run {id} was cancelled. The current model keeps serving.',
  'models.failure.failed':
    'The {trigger} training run of {date} failed: {cause}',
  'models.failure.rejected':
    'The {trigger} training run of {date} was rejected: {cause}',
  'models.failure.keepsServing':
    'The previous model keeps serving forecasts. Fix the cause, then retrain.',
  'models.failure.unknownCause': 'no cause was recorded',
  'models.failure.show': 'Show run',
  'models.failure.dismiss': 'Dismiss',
  'models.failure.notification': 'Shelfcast: training run failed',
  'models.failure.trigger.cron': 'nightly',
  'models.failure.trigger.manual': 'manual',
  'models.empty.trainMessage':
    'Train the first model on the sales history loaded: forecasts, accuracy and replenishment recommendations follow when it finishes. If sales are missing, the run says so.',
  'models.empty.trainAction': 'Train the first model now',
  'models.runHistory.title': 'Execution history',
  'models.runHistory.kind.started': 'Started',
  'models.runHistory.kind.interrupted': 'Interrupted',
  'models.runHistory.kind.resumed': 'Resumed',
} as const;

export const TRAINING_ZH_CN: Record<keyof typeof TRAINING_EN, string> = {
  'models.cancel.action': '取消运行',
  'models.cancel.cancelling': '正在取消…',
  'models.cancel.confirm':
    '取消训练运行 {id}？已完成的部分将被丢弃，当前模型继续提供预测。',
  'models.cancel.done': '运行 {id} 已取消，当前模型继续提供预测。',
  'models.failure.failed': '{date} 的{trigger}训练运行失败：{cause}',
  'models.failure.rejected': '{date} 的{trigger}训练运行被拒绝：{cause}',
  'models.failure.keepsServing':
    '之前的模型继续提供预测。请排除原因后重新训练。',
  'models.failure.unknownCause': '没有记录原因',
  'models.failure.show': '查看运行',
  'models.failure.dismiss': '关闭',
  'models.failure.notification': 'Shelfcast：训练运行失败',
  'models.failure.trigger.cron': '夜间',
  'models.failure.trigger.manual': '手动',
  'models.empty.trainMessage':
    '用已载入的销售历史训练第一个模型：完成后即可看到预测、准确率和补货建议。如果缺少销售数据，运行会说明原因。',
  'models.empty.trainAction': '立即训练第一个模型',
  'models.runHistory.title': '执行记录',
  'models.runHistory.kind.started': '已开始',
  'models.runHistory.kind.interrupted': '已中断',
  'models.runHistory.kind.resumed': '已恢复',
};
