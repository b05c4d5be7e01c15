<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.models.user_import</name>
    <message>
      <location filename="cnnviz/core/models/user_import.py" />
      <source>model code {path} is not Python source ({reason})</source>
      <translation>模型代码 {path} 不是 Python 源代码（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_import.py" />
      <source>cannot import {name} ({reason})</source>
      <translation>无法导入 {name}（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_import.py" />
      <source>cannot import {name}: no module named {top} (install it, or run cnnviz from the folder that holds it, or add that folder to PYTHONPATH)</source>
      <translation>无法导入 {name}：没有名为 {top} 的模块（请安装它，或在它所在的文件夹中运行 cnnviz，或把该文件夹加入 PYTHONPATH）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_import.py" />
      <source>module {name}</source>
      <translation>模块 {name}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_import.py" />
      <source>the model code</source>
      <translation>模型代码</translation>
    </message>
  </context>
</TS>
