<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.jobs</name>
    <message>
      <location filename="cnnviz/gui/jobs.py" />
      <source>; TorchScript: its layers cannot be hooked, so only its input and output are shown</source>
      <translation>；TorchScript：无法给它的各层挂钩子，所以只显示输入和输出</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/jobs.py" />
      <source>Python code</source>
      <translation>Python 代码</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/jobs.py" />
      <source>a torch.export program with parts that run code</source>
      <translation>含有会运行代码的部分的 torch.export 程序</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/jobs.py" />
      <source>a TorchScript model</source>
      <translation>TorchScript 模型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/jobs.py" />
      <source>random weights (no bundled weights yet)</source>
      <translation>随机权重（尚无自带权重）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/jobs.py" />
      <source>random weights: the bundled weights failed to load ({reason})</source>
      <translation>随机权重：自带权重加载失败（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/jobs.py" />
      <source>weights: as its code builds them</source>
      <translation>权重：由它的代码构建</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/jobs.py" />
      <source>random weights</source>
      <translation>随机权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/jobs.py" />
      <source>weights: {weights}</source>
      <translation>权重：{weights}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/jobs.py" />
      <source>{name}: nothing to open</source>
      <translation>{name}：没有可打开的内容</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/jobs.py" />
      <source>class {index}</source>
      <translation>类别 {index}</translation>
    </message>
  </context>
</TS>
