<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.models.exported</name>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>{name} takes {want} inputs only, not {got} (exported without dynamic shapes)</source>
      <translation>{name} 只接受 {want} 的输入，不接受 {got}（导出时未使用动态形状）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>{path} is a torch.export program with its own weights; --weights none does not apply to it (give default or a weights file)</source>
      <translation>{path} 是自带权重的 torch.export 程序；--weights none 对它无效（请用 default 或一个权重文件）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>{names} (+{count} more)</source>
      <translation>{names}（另有 {count} 个）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>{path} holds parts that run code when loaded ({parts}); pass --trust-code (or confirm in the app) only if you trust where it came from</source>
      <translation>{path} 含有加载时会运行代码的部分（{parts}）；只有在你信任它的来源时，才加上 --trust-code（或在应用中确认）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>model file not found: {path}</source>
      <translation>找不到模型文件：{path}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>model path {path} {problem}</source>
      <translation>模型路径 {path} {problem}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>{path} is not a torch.export program: {why}</source>
      <translation>{path} 不是 torch.export 程序：{why}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>it cannot be read ({reason})</source>
      <translation>无法读取它（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>the file is empty</source>
      <translation>文件是空的</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>it is a TorchScript archive, which runs code: pass it under a .pt name with --trust-code if you trust where it came from</source>
      <translation>它是 TorchScript 归档，会运行代码：如果你信任它的来源，请以 .pt 文件名传入并加上 --trust-code</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>it is a zip archive without torch.export's layout (archive_format, models/model.json)</source>
      <translation>它是 zip 归档，但没有 torch.export 的结构（archive_format、models/model.json）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>a truncated or damaged zip archive</source>
      <translation>它是不完整或已损坏的 zip 归档</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>not a zip archive (torch.export.save writes one)</source>
      <translation>它不是 zip 归档（torch.export.save 写出的是 zip 归档）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>{path} could not be loaded as a torch.export program ({reason})</source>
      <translation>无法把 {path} 作为 torch.export 程序加载（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/exported.py" />
      <source>{path}: the program cannot be unflattened to its modules ({reason})</source>
      <translation>{path}：无法把该程序还原（unflatten）为各个模块（{reason}）</translation>
    </message>
  </context>
</TS>
