<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.models.exported_archive</name>
    <message>
      <location filename="cnnviz/core/models/exported_archive.py" />
      <source>{path} is a damaged torch.export program ({reason})</source>
      <translation>{path} 是已损坏的 torch.export 程序（{reason}）</translation>
    </message>
  </context>
</TS>
