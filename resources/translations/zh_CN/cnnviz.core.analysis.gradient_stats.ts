<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.gradient_stats</name>
    <message>
      <location filename="cnnviz/core/analysis/gradient_stats.py" />
      <source>the target must be a class index or a tensor of class indices, not {type}</source>
      <translation>目标必须是类别索引或由类别索引组成的张量，而不是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/gradient_stats.py" />
      <source>{targets} targets for a batch of {batch} inputs</source>
      <translation>给出了 {targets} 个目标，但批次中有 {batch} 个输入</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/gradient_stats.py" />
      <source>target class {target} is outside the model's classes 0..{last}</source>
      <translation>目标类别 {target} 超出了模型的类别范围 0..{last}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/gradient_stats.py" />
      <source>gradient norms need a torch.nn.Module (not TorchScript), not {type}</source>
      <translation>梯度范数需要一个 torch.nn.Module（不能是 TorchScript），而不是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/gradient_stats.py" />
      <source>the input must be a tensor, not {type}</source>
      <translation>输入必须是张量，而不是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/gradient_stats.py" />
      <source>unknown objective '{objective}': use {objectives}</source>
      <translation>未知的目标函数 '{objective}'：请使用 {objectives}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/gradient_stats.py" />
      <source>the model has no parameters, so no gradients</source>
      <translation>模型没有参数，因此没有梯度</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/gradient_stats.py" />
      <source>the model's output has shape {shape}, not [batch, classes]</source>
      <translation>模型输出的形状是 {shape}，而不是 [批次, 类别数]</translation>
    </message>
  </context>
</TS>
