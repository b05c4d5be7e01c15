<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.attribution_common</name>
    <message>
      <location filename="cnnviz/core/analysis/attribution_common.py" />
      <source>attribution needs a torch.nn.Module, not {type}</source>
      <translation>归因需要一个 torch.nn.Module，而不是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution_common.py" />
      <source>attribution needs logits of shape (N, classes); the model gave {shape}</source>
      <translation>归因需要形状为 (N, 类别数) 的 logits；模型给出的是 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution_common.py" />
      <source>target class must be an integer, not {value!r}</source>
      <translation>目标类别必须是整数，而不是 {value!r}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution_common.py" />
      <source>target class {value} is outside the model's classes 0-{last}</source>
      <translation>目标类别 {value} 超出了模型的类别范围 0-{last}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/attribution_common.py" />
      <source>{targets} target classes for a batch of {n} inputs</source>
      <translation>给出了 {targets} 个目标类别，但批次中有 {n} 个输入</translation>
    </message>
  </context>
</TS>
