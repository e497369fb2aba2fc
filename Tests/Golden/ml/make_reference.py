"""scikit-learn 1.9.1 values quoted in metric_builtins_match_scikit_learn.mlx."""
from sklearn import metrics as m

print(m.accuracy_score([0, 1, 1, 0], [0, 1, 0, 0]))
print(m.balanced_accuracy_score([0, 1, 1, 0], [0, 1, 0, 0]))
print(m.precision_score([0, 1, 1, 0], [0, 1, 1, 1]))
print(m.recall_score([0, 1, 1, 0], [0, 1, 0, 0]))
print(m.f1_score([0, 1, 2, 2], [0, 2, 2, 1], average="macro"))
print(m.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]))
print(m.average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]))
print(m.log_loss([0, 1], [[0.9, 0.1], [0.2, 0.8]]))
print(m.confusion_matrix([0, 1, 1], [0, 1, 0]).tolist())
print(m.r2_score([3, -0.5, 2, 7], [2.5, 0, 2, 8]))
print(m.mean_squared_error([3, -0.5, 2, 7], [2.5, 0, 2, 8]))
print(m.mean_absolute_error([3, -0.5, 2, 7], [2.5, 0, 2, 8]))
