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
# metric_builtins_take_class_names_as_strings.mlx: string labels (the label order is sorted)
t, p = ["cat", "dog", "dog", "bird"], ["cat", "dog", "cat", "cat"]
print(m.accuracy_score(t, p))
print(m.f1_score(t, p, average="macro"))
print(m.confusion_matrix(t, p).tolist())
print(m.precision_score(["b", "a", "b", "a"], ["b", "b", "b", "a"], pos_label="b"))
