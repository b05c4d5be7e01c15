<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.models.notes</name>
    <message>
      <location filename="cnnviz/core/models/notes.py" />
      <source>the checkpoint</source>
      <translation>检查点</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/notes.py" />
      <source>torchvision's pretrained weights</source>
      <translation>torchvision 的预训练权重</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/notes.py" />
      <source>{source} has no cnnviz metadata: taken as torchvision's pretrained {label} layout (transform_input on); use --transform-input off if it was trained from scratch</source>
      <translation>{source} 没有 cnnviz 元数据：按 torchvision 预训练 {label} 的结构处理（transform_input on）；如果它是从头训练的，请用 --transform-input off</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/notes.py" />
      <source>--transform-input {value} ignored: a TorchScript model's transform_input is fixed in the file</source>
      <translation>已忽略 --transform-input {value}：TorchScript 模型的 transform_input 已固定在文件中</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/notes.py" />
      <source>--transform-input {value} ignored: only GoogLeNet and Inception-v3 have it, not {arch}</source>
      <translation>已忽略 --transform-input {value}：只有 GoogLeNet 和 Inception-v3 有这一设置，{arch} 没有</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/notes.py" />
      <source>transform_input forced {value}, although {origin} says {was}</source>
      <translation>已强制 transform_input 为 {value}，尽管{origin}给出的是 {was}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/notes.py" />
      <source>{names} (+{count} more)</source>
      <translation>{names}（另有 {count} 个）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/notes.py" />
      <source>{count} of {total} weights are not finite (NaN/inf), in: {names}; maps will be black or meaningless</source>
      <translation>{total} 个权重中有 {count} 个不是有限值（NaN/inf），位于：{names}；特征图将是全黑的或没有意义</translation>
    </message>
  </context>
</TS>
